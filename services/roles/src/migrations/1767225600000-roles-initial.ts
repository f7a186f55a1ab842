import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventingTablesSql } from '@guildhall/eventing';
import { schemaOf } from '@guildhall/platform';

/** The roles service's schema: its event log, its read models, and the eventing tables. */
export class RolesInitial1767225600000 implements MigrationInterface {
  name = 'RolesInitial1767225600000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const sql of eventingTablesSql(s)) await q.query(sql);
    const statements = [
      // Append-only: every fact this service acted on or decided, in the order it did so.
      `CREATE TABLE ${s}.roles_events (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        guild_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX roles_events_guild ON ${s}.roles_events (guild_id, seq)`,
      `CREATE TABLE ${s}.guilds (
        guild_id text PRIMARY KEY,
        bot_user_id text,
        bot_role_ids text[] NOT NULL DEFAULT '{}',
        enforce boolean NOT NULL DEFAULT false,
        reward_mode text NOT NULL DEFAULT 'stack',
        rules_version_required integer NOT NULL DEFAULT 0)`,
      `CREATE TABLE ${s}.guild_roles (
        guild_id text NOT NULL,
        role_id text NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        permissions text NOT NULL,
        managed boolean NOT NULL,
        PRIMARY KEY (guild_id, role_id))`,
      `CREATE TABLE ${s}.catalog_categories (
        guild_id text NOT NULL,
        category_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        exclusive boolean NOT NULL,
        max_roles integer,
        position integer NOT NULL,
        PRIMARY KEY (guild_id, category_id))`,
      `CREATE TABLE ${s}.catalog_roles (
        guild_id text NOT NULL,
        role_id text NOT NULL,
        category_id text NOT NULL,
        label text NOT NULL,
        description text NOT NULL,
        emoji text,
        min_level integer,
        requires_rules boolean NOT NULL,
        PRIMARY KEY (guild_id, role_id))`,
      `CREATE TABLE ${s}.level_rewards (
        guild_id text NOT NULL,
        level integer NOT NULL,
        role_ids text[] NOT NULL,
        PRIMARY KEY (guild_id, level))`,
      `CREATE TABLE ${s}.members (
        guild_id text NOT NULL,
        user_id text NOT NULL,
        level integer NOT NULL DEFAULT 0,
        rules_version integer,
        roles text[],
        roles_observed_at timestamptz,
        PRIMARY KEY (guild_id, user_id))`,
      `CREATE INDEX members_by_level ON ${s}.members (guild_id, user_id) WHERE level > 0`,
      `CREATE TABLE ${s}.desired_roles (
        guild_id text NOT NULL,
        user_id text NOT NULL,
        role_id text NOT NULL,
        want boolean NOT NULL,
        source text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (guild_id, user_id, role_id))`,
      `CREATE TABLE ${s}.role_requests (
        request_id text PRIMARY KEY,
        guild_id text NOT NULL,
        user_id text NOT NULL,
        origin text NOT NULL,
        add_role_ids text[] NOT NULL,
        remove_role_ids text[] NOT NULL,
        status text NOT NULL,
        problems jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL)`,
      `CREATE INDEX role_requests_member ON ${s}.role_requests (guild_id, user_id, created_at DESC)`,
      `CREATE TABLE ${s}.role_ops (
        op_id text PRIMARY KEY,
        request_id text NOT NULL,
        guild_id text NOT NULL,
        user_id text NOT NULL,
        role_id text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        action_id text NOT NULL,
        retry_at timestamptz,
        error text,
        -- Wall-clock time the current attempt was handed to the outbox: only for noticing a lost result.
        sent_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL)`,
      `CREATE INDEX role_ops_action ON ${s}.role_ops (action_id)`,
      `CREATE INDEX role_ops_request ON ${s}.role_ops (request_id)`,
      `CREATE INDEX role_ops_member ON ${s}.role_ops (guild_id, user_id) WHERE status IN ('pending', 'retrying')`,
      `CREATE INDEX role_ops_due ON ${s}.role_ops (retry_at) WHERE status = 'retrying'`,
      `CREATE TABLE ${s}.reward_jobs (
        job_id text PRIMARY KEY,
        guild_id text NOT NULL,
        status text NOT NULL,
        total integer NOT NULL,
        done integer NOT NULL,
        cursor text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL)`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const t of [
      'reward_jobs',
      'role_ops',
      'role_requests',
      'desired_roles',
      'members',
      'level_rewards',
      'catalog_roles',
      'catalog_categories',
      'guild_roles',
      'guilds',
      'roles_events',
    ])
      await q.query(`DROP TABLE IF EXISTS ${s}.${t}`);
  }
}

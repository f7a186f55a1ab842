import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventingTablesSql } from '@guildhall/eventing';
import { schemaOf } from '@guildhall/platform';

/**
 * The onboarding schema: the append-only fact table (onboarding_events) is the system of
 * record; every other table is a projection of it that `npm run rebuild` can recreate.
 * Snowflakes are text: they can exceed bigint's range and are never used arithmetically.
 */
export class OnboardingSchema1767225600000 implements MigrationInterface {
  name = 'OnboardingSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    const s = `"${schema}"`;
    for (const sql of eventingTablesSql(schema)) await queryRunner.query(sql);
    // id is deterministic (derived from the causing envelope), so a replay inserts nothing.
    await queryRunner.query(`CREATE TABLE ${s}.onboarding_events (
      seq bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      guild_id text NOT NULL,
      user_id text NULL,
      type text NOT NULL,
      data jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(
      `CREATE INDEX onboarding_events_member ON ${s}.onboarding_events (guild_id, user_id, seq)`,
    );
    await queryRunner.query(`CREATE TABLE ${s}.guild_setup (
      guild_id text PRIMARY KEY,
      settings jsonb NOT NULL,
      role_requests jsonb NOT NULL DEFAULT '{}'::jsonb,
      guild jsonb NULL,
      rules_message jsonb NULL,
      last_failure jsonb NULL,
      updated_at timestamptz NOT NULL
    )`);
    // Actions whose gateway result we wait for, so action.done/failed can be matched to a purpose.
    await queryRunner.query(`CREATE TABLE ${s}.action_requests (
      action_id text PRIMARY KEY,
      guild_id text NOT NULL,
      purpose text NOT NULL,
      requested_at timestamptz NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE ${s}.rule_sets (
      guild_id text NOT NULL,
      version integer NOT NULL,
      rules jsonb NOT NULL,
      requires_reagreement boolean NOT NULL,
      published_at timestamptz NOT NULL,
      PRIMARY KEY (guild_id, version)
    )`);
    // first_* times feed the funnel; the others are the member's current state.
    await queryRunner.query(`CREATE TABLE ${s}.members (
      guild_id text NOT NULL,
      user_id text NOT NULL,
      username text NULL,
      present boolean NOT NULL DEFAULT true,
      joined_at timestamptz NULL,
      first_joined_at timestamptz NULL,
      left_at timestamptz NULL,
      agreed_version integer NULL,
      agreed_at timestamptz NULL,
      first_agreed_at timestamptz NULL,
      quiz_completed_at timestamptz NULL,
      points integer NOT NULL DEFAULT 0,
      PRIMARY KEY (guild_id, user_id)
    )`);
    await queryRunner.query(
      `CREATE INDEX members_funnel ON ${s}.members (guild_id, first_joined_at) WHERE first_joined_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE TABLE ${s}.quiz_progress (
      guild_id text NOT NULL,
      user_id text NOT NULL,
      rule_id text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      best_correct integer NOT NULL DEFAULT 0,
      total integer NOT NULL,
      passed_at timestamptz NULL,
      points integer NOT NULL DEFAULT 0,
      last_attempt_at timestamptz NOT NULL,
      PRIMARY KEY (guild_id, user_id, rule_id)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    for (const t of [
      'quiz_progress',
      'members',
      'rule_sets',
      'action_requests',
      'guild_setup',
      'onboarding_events',
      'outbox',
      'consumer_checkpoint',
      'inbox',
    ])
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${t}`);
  }
}

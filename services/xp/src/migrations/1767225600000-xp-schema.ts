import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventingTablesSql } from '@guildhall/eventing';
import { schemaOf } from '@guildhall/platform';

/**
 * The XP schema: the append-only ledger (xp_events), the policy history (policy_events), the
 * member_xp projection behind profiles and leaderboards, and the guilds we have seen.
 * Snowflakes are text (they can exceed bigint's range and are never used arithmetically) with
 * the "C" collation: byte order is all an id needs, and it is much cheaper than a locale's.
 */
export class XpSchema1767225600000 implements MigrationInterface {
  name = 'XpSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    for (const sql of eventingTablesSql(schemaOf(queryRunner))) await queryRunner.query(sql);
    // One row per counted message (bots are not counted). amount 0 + reason records why a
    // message earned nothing, so the ledger alone rebuilds XP *and* message counts.
    await queryRunner.query(`CREATE TABLE ${s}.xp_events (
      id bigserial PRIMARY KEY,
      guild_id text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL,
      kind text NOT NULL DEFAULT 'message',
      source_id text NOT NULL,
      channel_id text NOT NULL,
      occurred_at timestamptz NOT NULL,
      amount integer NOT NULL CHECK (amount >= 0),
      reason text NULL,
      xp_after bigint NOT NULL,
      level_after integer NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE TABLE ${s}.policy_events (
      guild_id text COLLATE "C" NOT NULL,
      version integer NOT NULL,
      policy jsonb NOT NULL,
      changed_by text NOT NULL,
      effective_at timestamptz NOT NULL,
      PRIMARY KEY (guild_id, version)
    )`);
    await queryRunner.query(`CREATE TABLE ${s}.member_xp (
      guild_id text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL,
      xp bigint NOT NULL DEFAULT 0,
      level integer NOT NULL DEFAULT 0,
      messages integer NOT NULL DEFAULT 0,
      last_award_at timestamptz NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (guild_id, user_id)
    ) WITH (fillfactor = 70)`);
    // Free space per page lets a message that earns nothing (only messages/updated_at change,
    // neither indexed) be a HOT update that touches no index.
    // The leaderboard order: most XP first, then who got there first (awards only ever move
    // last_award_at forward, so it is when the member reached the current total).
    await queryRunner.query(
      `CREATE INDEX member_xp_leaderboard ON ${s}.member_xp (guild_id, xp DESC, last_award_at ASC, user_id ASC)`,
    );
    await queryRunner.query(`CREATE TABLE ${s}.guilds (
      guild_id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      synced_at timestamptz NOT NULL
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    for (const t of [
      'guilds',
      'member_xp',
      'policy_events',
      'xp_events',
      'outbox',
      'consumer_checkpoint',
      'inbox',
    ])
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${t}`);
  }
}

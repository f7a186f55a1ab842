import type { MemberState } from '../domain/agreement';
import type { Fact } from '../domain/facts';
import type { FunnelMember } from '../domain/funnel';
import { qualify, Queryable } from './queryable';

export interface MemberRow extends MemberState {
  userId: string;
  username: string | null;
  firstJoinedAt: string | null;
  leftAt: string | null;
  agreedAt: string | null;
  firstAgreedAt: string | null;
  quizCompletedAt: string | null;
  points: number;
}

const iso = (v: Date | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Each member's onboarding state; first_* times feed the funnel. */
export class MembersProjection {
  private readonly table: string;
  constructor(schema: string) {
    this.table = qualify(schema, 'members');
  }

  async apply(db: Queryable, f: Fact): Promise<void> {
    const t = this.table;
    switch (f.type) {
      case 'member.joined':
        await db.query(
          `INSERT INTO ${t} (guild_id, user_id, username, present, joined_at, first_joined_at)
           VALUES ($1, $2, $3, true, $4, $4)
           ON CONFLICT (guild_id, user_id) DO UPDATE SET username = EXCLUDED.username, present = true, left_at = NULL,
             joined_at = EXCLUDED.joined_at, first_joined_at = COALESCE(${t}.first_joined_at, EXCLUDED.first_joined_at),
             agreed_version = CASE WHEN $5 THEN NULL ELSE ${t}.agreed_version END,
             agreed_at = CASE WHEN $5 THEN NULL ELSE ${t}.agreed_at END`,
          [f.guildId, f.userId, f.data.username, f.data.joinedAt, f.data.restarted],
        );
        return;
      case 'member.left':
        await db.query(`UPDATE ${t} SET present = false, left_at = $3 WHERE guild_id = $1 AND user_id = $2`, [
          f.guildId, f.userId, f.occurredAt,
        ]);
        return;
      case 'rules.agreed':
        // A member who was in the guild before the service watched has no join row yet.
        await db.query(
          `INSERT INTO ${t} (guild_id, user_id, agreed_version, agreed_at, first_agreed_at) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (guild_id, user_id) DO UPDATE SET agreed_version = EXCLUDED.agreed_version, agreed_at = EXCLUDED.agreed_at,
             first_agreed_at = COALESCE(${t}.first_agreed_at, EXCLUDED.first_agreed_at)`,
          [f.guildId, f.userId, f.data.version, f.occurredAt],
        );
        return;
      case 'rules.published':
        if (f.data.requiresReagreement)
          await db.query(
            `UPDATE ${t} SET agreed_version = NULL, agreed_at = NULL WHERE guild_id = $1 AND agreed_version < $2`,
            [f.guildId, f.data.version],
          );
        return;
      case 'quiz.attempted':
        await db.query(
          `INSERT INTO ${t} (guild_id, user_id, points) VALUES ($1, $2, $3)
           ON CONFLICT (guild_id, user_id) DO UPDATE SET points = ${t}.points + EXCLUDED.points`,
          [f.guildId, f.userId, f.data.points],
        );
        return;
      case 'quiz.completed':
        await db.query(
          `UPDATE ${t} SET quiz_completed_at = COALESCE(quiz_completed_at, $3) WHERE guild_id = $1 AND user_id = $2`,
          [f.guildId, f.userId, f.occurredAt],
        );
        return;
      default:
    }
  }

  /** Members still in the guild whose agreement is to a version older than `version`. */
  async agreedBefore(db: Queryable, guildId: string, version: number): Promise<string[]> {
    const { rows } = await db.query(
      `SELECT user_id FROM ${this.table} WHERE guild_id = $1 AND present AND agreed_version < $2 ORDER BY user_id`,
      [guildId, version],
    );
    return rows.map((r) => r.user_id as string);
  }

  async load(db: Queryable, guildId: string, userId: string): Promise<MemberRow | undefined> {
    const { rows } = await db.query(`SELECT * FROM ${this.table} WHERE guild_id = $1 AND user_id = $2`, [guildId, userId]);
    if (rows.length === 0) return undefined;
    const r = rows[0];
    return {
      userId,
      username: r.username,
      present: r.present,
      joinedAt: iso(r.joined_at),
      firstJoinedAt: iso(r.first_joined_at),
      leftAt: iso(r.left_at),
      agreedVersion: r.agreed_version,
      agreedAt: iso(r.agreed_at),
      firstAgreedAt: iso(r.first_agreed_at),
      quizCompletedAt: iso(r.quiz_completed_at),
      points: r.points,
    };
  }

  /** Members who joined in [from, to), with the first time they reached each step. */
  async funnelMembers(db: Queryable, guildId: string, from: Date | null, to: Date | null): Promise<FunnelMember[]> {
    const { rows } = await db.query(
      `SELECT first_joined_at, first_agreed_at, quiz_completed_at FROM ${this.table}
       WHERE guild_id = $1 AND first_joined_at IS NOT NULL
         AND ($2::timestamptz IS NULL OR first_joined_at >= $2) AND ($3::timestamptz IS NULL OR first_joined_at < $3)`,
      [guildId, from, to],
    );
    return rows.map((r) => ({
      joinedAt: new Date(r.first_joined_at),
      agreedAt: r.first_agreed_at === null ? null : new Date(r.first_agreed_at),
      quizCompletedAt: r.quiz_completed_at === null ? null : new Date(r.quiz_completed_at),
    }));
  }
}

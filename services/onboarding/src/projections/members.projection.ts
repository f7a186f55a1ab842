import type { MemberState } from '../domain/agreement';
import type { Fact } from '../domain/facts';
import type { FunnelCounts } from '../domain/funnel';
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
          f.guildId,
          f.userId,
          f.occurredAt,
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
    const { rows } = await db.query(`SELECT * FROM ${this.table} WHERE guild_id = $1 AND user_id = $2`, [
      guildId,
      userId,
    ]);
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

  /**
   * The funnel of the members who joined in [from, to), aggregated in the database: one pass
   * over the members_funnel index instead of every member's row sent to the service (at
   * 100,000 members that took 500 ms per request). Medians as summarizeFunnel takes them.
   */
  async funnelCounts(
    db: Queryable,
    guildId: string,
    from: Date | null,
    to: Date | null,
  ): Promise<FunnelCounts> {
    // greatest() skips NULLs, so a step not reached must stay NULL explicitly (percentile_cont skips it).
    const secs = (a: string, b: string) =>
      `(CASE WHEN ${a} IS NOT NULL AND ${b} IS NOT NULL THEN greatest(0, extract(epoch FROM ${b} - ${a})) END)::float8`;
    const median = (expr: string) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expr})`;
    const { rows } = await db.query(
      `SELECT count(*)::int AS joined, count(first_agreed_at)::int AS agreed, count(quiz_completed_at)::int AS completed,
         ${median(secs('first_joined_at', 'first_agreed_at'))} AS join_to_agree,
         ${median(secs('first_joined_at', 'quiz_completed_at'))} AS join_to_quiz,
         ${median(secs('first_agreed_at', 'quiz_completed_at'))} AS agree_to_quiz
       FROM ${this.table}
       WHERE guild_id = $1 AND first_joined_at IS NOT NULL
         AND ($2::timestamptz IS NULL OR first_joined_at >= $2) AND ($3::timestamptz IS NULL OR first_joined_at < $3)`,
      [guildId, from, to],
    );
    const r = rows[0];
    return {
      joined: r.joined,
      agreed: r.agreed,
      completed: r.completed,
      medianSecondsJoinToAgree: r.join_to_agree,
      medianSecondsJoinToQuiz: r.join_to_quiz,
      medianSecondsAgreeToQuiz: r.agree_to_quiz,
    };
  }
}

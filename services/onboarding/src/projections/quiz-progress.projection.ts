import type { Fact } from '../domain/facts';
import { qualify, Queryable } from './queryable';

export interface RuleProgress {
  ruleId: string;
  attempts: number;
  bestCorrect: number;
  total: number;
  passed: boolean;
  passedAt: string | null;
  points: number;
  lastAttemptAt: string;
}

/** Per member and rule: attempts, best score, whether passed, points earned. */
export class QuizProgressProjection {
  private readonly table: string;
  constructor(schema: string) {
    this.table = qualify(schema, 'quiz_progress');
  }

  async apply(db: Queryable, f: Fact): Promise<void> {
    if (f.type !== 'quiz.attempted') return;
    const t = this.table;
    const d = f.data;
    await db.query(
      `INSERT INTO ${t} (guild_id, user_id, rule_id, attempts, best_correct, total, passed_at, points, last_attempt_at)
       VALUES ($1, $2, $3, 1, $4, $5, CASE WHEN $6 THEN $8::timestamptz END, $7, $8)
       ON CONFLICT (guild_id, user_id, rule_id) DO UPDATE SET attempts = ${t}.attempts + 1,
         best_correct = GREATEST(${t}.best_correct, EXCLUDED.best_correct), total = EXCLUDED.total,
         passed_at = COALESCE(${t}.passed_at, EXCLUDED.passed_at), points = ${t}.points + EXCLUDED.points,
         last_attempt_at = EXCLUDED.last_attempt_at`,
      [f.guildId, f.userId, d.ruleId, d.correct, d.total, d.passed, d.points, f.occurredAt],
    );
  }

  async forMember(db: Queryable, guildId: string, userId: string): Promise<RuleProgress[]> {
    const { rows } = await db.query(
      `SELECT rule_id, attempts, best_correct, total, passed_at, points, last_attempt_at FROM ${this.table}
       WHERE guild_id = $1 AND user_id = $2`,
      [guildId, userId],
    );
    return rows.map((r) => ({
      ruleId: r.rule_id,
      attempts: r.attempts,
      bestCorrect: r.best_correct,
      total: r.total,
      passed: r.passed_at !== null,
      passedAt: r.passed_at === null ? null : new Date(r.passed_at).toISOString(),
      points: r.points,
      lastAttemptAt: new Date(r.last_attempt_at).toISOString(),
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { memberStatus } from '../domain/agreement';
import { funnelOf } from '../domain/funnel';
import { GuildTransactions } from './guild-transaction';

/** Read side for the dashboard: one member's status and progress, and the guild's funnel. */
@Injectable()
export class MemberProgressService {
  constructor(private readonly tx: GuildTransactions) {}

  async progress(guildId: string, userId: string) {
    const { projections } = this.tx.store;
    const db = this.tx.db;
    const [set, progress, member] = await Promise.all([
      projections.ruleSets.current(db, guildId),
      projections.quizProgress.forMember(db, guildId, userId),
      projections.members.load(db, guildId, userId),
    ]);
    const byRule = new Map(progress.map((p) => [p.ruleId, p]));
    const rules = set.rules.map((r) => {
      const p = byRule.get(r.id);
      return {
        ruleId: r.id,
        title: r.title,
        attempts: p?.attempts ?? 0,
        bestCorrect: p?.bestCorrect ?? 0,
        total: r.questions.length,
        passed: p?.passed ?? false,
        passedAt: p?.passedAt ?? null,
        points: p?.points ?? 0,
      };
    });
    return {
      userId,
      rulesVersion: set.version,
      points: member?.points ?? 0,
      passedRules: rules.filter((r) => r.passed).length,
      totalRules: rules.length,
      completed: member?.quizCompletedAt != null,
      completedAt: member?.quizCompletedAt ?? null,
      rules,
    };
  }

  async status(guildId: string, userId: string) {
    const { projections } = this.tx.store;
    const db = this.tx.db;
    const [set, member, progress] = await Promise.all([
      projections.ruleSets.current(db, guildId),
      projections.members.load(db, guildId, userId),
      projections.quizProgress.forMember(db, guildId, userId),
    ]);
    const status = memberStatus(member);
    const current = new Set(set.rules.map((r) => r.id));
    return {
      userId,
      status,
      needsAgreement: status !== 'agreed',
      rulesVersion: set.version,
      agreedVersion: member?.agreedVersion ?? null,
      agreedAt: member?.agreedAt ?? null,
      joinedAt: member?.joinedAt ?? null,
      leftAt: member?.leftAt ?? null,
      quiz: {
        passedRules: progress.filter((p) => p.passed && current.has(p.ruleId)).length,
        totalRules: set.rules.length,
        completed: member?.quizCompletedAt != null,
        completedAt: member?.quizCompletedAt ?? null,
      },
      points: member?.points ?? 0,
    };
  }

  async funnel(guildId: string, from: string | undefined, to: string | undefined) {
    const counts = await this.tx.store.projections.members.funnelCounts(
      this.tx.db,
      guildId,
      from ? new Date(from) : null,
      to ? new Date(to) : null,
    );
    return { guildId, from: from ?? null, to: to ?? null, ...funnelOf(counts) };
  }
}

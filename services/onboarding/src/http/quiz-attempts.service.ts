import { derivedId } from '@guildhall/contracts';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { throwIfLimited } from '@guildhall/platform';
import { randomUUID } from 'node:crypto';
import type { Fact } from '../domain/facts';
import { completesQuiz, gradeAttempt, pointsFor } from '../domain/quiz';
import { QUIZ_ATTEMPT_LIMITS, type QuizAttemptLimits } from '../domain/quiz-limits';
import { commitPlan } from '../events/plan';
import type { QuizAttemptDto } from './dto/quiz-attempt.dto';
import { GuildTransactions } from './guild-transaction';
import { quizAttemptAllowed } from './quiz-attempt-limit';
import { findRule } from './rules.service';

/** Grades on the server and records the attempt; points are earned once per rule. */
@Injectable()
export class QuizAttemptsService {
  constructor(
    private readonly tx: GuildTransactions,
    @Inject(QUIZ_ATTEMPT_LIMITS) private readonly limits: QuizAttemptLimits,
  ) {}

  async attempt(guildId: string, userId: string, ruleId: string, body: QuizAttemptDto) {
    const at = Date.now();
    return this.tx.run(guildId, async (db) => {
      throwIfLimited(await quizAttemptAllowed(db, this.tx.schema, this.limits, guildId, userId, at));
      const { projections } = this.tx.store;
      const set = await projections.ruleSets.current(db, guildId);
      const rule = findRule(set.rules, ruleId);
      const outcome = gradeAttempt(rule.questions, body.answers);
      if (!outcome.ok) throw new BadRequestException(outcome.message);
      const { grade } = outcome;

      const progress = await projections.quizProgress.forMember(db, guildId, userId);
      const member = await projections.members.load(db, guildId, userId);
      const alreadyPassed = progress.some((p) => p.ruleId === ruleId && p.passed);
      const points = pointsFor(grade, alreadyPassed);
      const totalPoints = (member?.points ?? 0) + points;
      const occurredAt = new Date(at).toISOString();
      const id = `quiz-${randomUUID()}`;
      const facts: Fact[] = [
        {
          id: derivedId(id, 'quiz.attempted'),
          guildId,
          occurredAt,
          type: 'quiz.attempted',
          userId,
          data: {
            ruleId,
            version: set.version,
            answers: body.answers.map(({ questionId, choice }) => ({ questionId, choice })),
            correct: grade.correct,
            total: grade.total,
            passed: grade.passed,
            points,
            totalPoints,
          },
        },
      ];
      const passed = new Set(progress.filter((p) => p.passed).map((p) => p.ruleId));
      if (grade.passed) passed.add(ruleId);
      const completedNow =
        !member?.quizCompletedAt &&
        completesQuiz(
          set.rules.map((r) => r.id),
          passed,
        );
      if (completedNow)
        facts.push({
          id: derivedId(id, 'quiz.completed'),
          guildId,
          occurredAt,
          type: 'quiz.completed',
          userId,
          data: { version: set.version, totalPoints },
        });
      await commitPlan(db, this.tx.store, { facts, actions: [] });
      return {
        ruleId,
        rulesVersion: set.version,
        correct: grade.correct,
        total: grade.total,
        passed: grade.passed,
        pointsAwarded: points,
        totalPoints,
        quizCompleted: completedNow || Boolean(member?.quizCompletedAt),
        results: grade.results,
      };
    });
  }
}

import {
  actionSubject,
  domainSubject,
  envelope,
  OnboardingEventType,
  QuizAttempted,
  QuizCompleted,
  RulesAgreed,
  RulesPublished,
} from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import type { Fact } from '../domain/facts';

export const SOURCE = 'onboarding';

export interface Cause {
  id: string;
  guildId: string;
  occurredAt: string;
  correlationId?: string;
}

/**
 * An action for the gateway. Its id derives from the cause and a purpose, so reprocessing the
 * cause yields the same id and the ACTIONS stream drops the duplicate.
 */
export function action<T>(cause: Cause, purpose: string, kind: string, data: T): OutgoingMessage {
  return {
    subject: actionSubject(cause.guildId, kind),
    envelope: envelope<T>({
      id: actionId(cause, purpose),
      type: kind,
      guildId: cause.guildId,
      occurredAt: cause.occurredAt,
      source: SOURCE,
      correlationId: cause.correlationId ?? cause.id,
      causationId: cause.id,
      data,
    }),
  };
}

export const actionId = (cause: Cause, purpose: string): string => `${SOURCE}:${cause.id}:${purpose}`;

/** The facts the rest of the platform may care about, published on DOMAIN with the fact's id. */
export function publicEvent(fact: Fact): OutgoingMessage | null {
  const base = (type: string) => ({
    id: fact.id,
    type,
    guildId: fact.guildId,
    occurredAt: fact.occurredAt,
    source: SOURCE,
  });
  const subject = (event: string) => domainSubject('onboarding', fact.guildId, event);
  switch (fact.type) {
    case 'rules.agreed':
      return {
        subject: subject('rules_agreed'),
        envelope: envelope<RulesAgreed>({
          ...base(OnboardingEventType.RulesAgreed),
          data: { userId: fact.userId, rulesVersion: fact.data.version, agreedAt: fact.occurredAt },
        }),
      };
    case 'rules.published':
      return {
        subject: subject('rules_published'),
        envelope: envelope<RulesPublished>({
          ...base(OnboardingEventType.RulesPublished),
          data: {
            version: fact.data.version,
            ruleCount: fact.data.rules.length,
            requiresReagreement: fact.data.requiresReagreement,
          },
        }),
      };
    case 'quiz.attempted': {
      const d = fact.data;
      return {
        subject: subject('quiz_attempted'),
        envelope: envelope<QuizAttempted>({
          ...base(OnboardingEventType.QuizAttempted),
          data: {
            userId: fact.userId,
            ruleId: d.ruleId,
            rulesVersion: d.version,
            correct: d.correct,
            total: d.total,
            passed: d.passed,
            pointsAwarded: d.points,
            totalPoints: d.totalPoints,
          },
        }),
      };
    }
    case 'quiz.completed':
      return {
        subject: subject('quiz_completed'),
        envelope: envelope<QuizCompleted>({
          ...base(OnboardingEventType.QuizCompleted),
          data: {
            userId: fact.userId,
            rulesVersion: fact.data.version,
            totalPoints: fact.data.totalPoints,
            completedAt: fact.occurredAt,
          },
        }),
      };
    default:
      return null;
  }
}

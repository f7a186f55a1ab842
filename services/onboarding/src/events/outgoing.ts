import {
  actionSubject,
  domainSubject,
  event,
  OnboardingEventType,
  ownedId,
  type ActionKind,
  type EventCatalogue,
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
export function action<K extends ActionKind>(
  cause: Cause,
  purpose: string,
  kind: K,
  data: EventCatalogue[K],
): OutgoingMessage {
  return {
    subject: actionSubject(cause.guildId, kind),
    envelope: event(kind, {
      id: actionId(cause, purpose),
      guildId: cause.guildId,
      occurredAt: cause.occurredAt,
      source: SOURCE,
      correlationId: cause.correlationId ?? cause.id,
      causationId: cause.id,
      data,
    }),
  };
}

/** Named for onboarding, so action results can tell ours from other services' (see action-results.handler). */
export const actionId = (cause: Cause, purpose: string): string => ownedId(SOURCE, cause.id, purpose);

/** The facts the rest of the platform may care about, published on DOMAIN with the fact's id. */
export function publicEvent(fact: Fact): OutgoingMessage | null {
  const base = {
    id: fact.id,
    guildId: fact.guildId,
    occurredAt: fact.occurredAt,
    source: SOURCE,
  };
  const subject = (event: string) => domainSubject('onboarding', fact.guildId, event);
  switch (fact.type) {
    case 'rules.agreed':
      return {
        subject: subject('rules_agreed'),
        envelope: event(OnboardingEventType.RulesAgreed, {
          ...base,
          data: { userId: fact.userId, rulesVersion: fact.data.version, agreedAt: fact.occurredAt },
        }),
      };
    case 'rules.published':
      return {
        subject: subject('rules_published'),
        envelope: event(OnboardingEventType.RulesPublished, {
          ...base,
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
        envelope: event(OnboardingEventType.QuizAttempted, {
          ...base,
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
        envelope: event(OnboardingEventType.QuizCompleted, {
          ...base,
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

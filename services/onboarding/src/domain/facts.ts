import type { SubmittedAnswer } from './quiz';
import type { Rule } from './rules';
import type { GuildFacts, GuildRole, GuildSettings, RoleSlot } from './setup';
import type { SetupProposal } from './setup-proposal';

/**
 * The service's own facts, appended to onboarding_events and folded into the projections.
 * A discriminated union, so each projection's evolve handles exactly the facts it knows.
 */
export type FactBody =
  /** `restoredFrom`: the setup version this save brought back, when it was a restore. */
  | { type: 'setup.updated'; data: { settings: GuildSettings; by: string; restoredFrom?: number } }
  | { type: 'guild.synced'; data: GuildFacts }
  | { type: 'guild.role_upserted'; data: { role: GuildRole } }
  | { type: 'guild.role_deleted'; data: { roleId: string } }
  /** What onboarding would set up in a guild no moderator has confirmed yet; refreshed as the guild changes. */
  | { type: 'setup.proposed'; data: { proposal: SetupProposal } }
  | { type: 'role.requested'; data: { slot: RoleSlot; name: string; actionId: string } }
  | { type: 'role.assigned'; data: { slot: RoleSlot; roleId: string; how: 'created' | 'adopted' } }
  | {
      type: 'role.failed';
      data: { slot: RoleSlot; name: string; actionId: string; error: string; httpStatus: number | null };
    }
  | { type: 'rules_message.requested'; data: { actionId: string; channelId: string } }
  | { type: 'rules_message.posted'; data: { actionId: string; messageId: string | null } }
  | { type: 'rules_message.failed'; data: { actionId: string; error: string; httpStatus: number | null } }
  /** A failed action we sent without awaiting its result (role.add, a greeting): kept for the setup page. */
  | {
      type: 'action.failed';
      data: { actionId: string; kind: string; error: string; httpStatus: number | null };
    }
  | {
      type: 'rules.published';
      data: {
        version: number;
        rules: Rule[];
        requiresReagreement: boolean;
        by: string;
        restoredFrom?: number;
      };
    }
  | {
      type: 'member.joined';
      userId: string;
      data: { username: string; joinedAt: string; restarted: boolean };
    }
  | { type: 'member.left'; userId: string; data: Record<string, never> }
  | { type: 'rules.agreed'; userId: string; data: { version: number } }
  | {
      type: 'quiz.attempted';
      userId: string;
      data: {
        ruleId: string;
        version: number;
        answers: SubmittedAnswer[];
        correct: number;
        total: number;
        passed: boolean;
        points: number;
        totalPoints: number;
      };
    }
  | { type: 'quiz.completed'; userId: string; data: { version: number; totalPoints: number } };

export type Fact = FactBody & {
  /** Deterministic: derived from the causing envelope (or HTTP request), so replays insert nothing. */
  id: string;
  guildId: string;
  occurredAt: string;
};

export type FactOf<T extends Fact['type']> = Extract<Fact, { type: T }>;

export const factUserId = (f: Fact): string | null => ('userId' in f ? f.userId : null);

import {
  actionSubject,
  ActionType,
  domainSubject,
  event,
  RolesEventType,
  type EventCatalogue,
  type RoleGrantKind,
  type RoleRequestOrigin,
} from '@guildhall/contracts';
import type { OutgoingMessage, Outbox, Tx } from '@guildhall/eventing';
import type { RequestLimits } from '../domain/request-limits';
import type { RetryPolicy } from '../domain/retry-policy';
import type { OpKind } from '../domain/sync-plan';

/** What every roles handler needs: where its tables are, where its messages go, how it retries. */
export interface RolesContext {
  schema: string;
  outbox: Outbox;
  retry: RetryPolicy;
  /** How many role requests a member, and a guild, may make per minute. */
  requestLimits: RequestLimits;
}

export const SOURCE = 'roles';

type RolesEvent = (typeof RolesEventType)[keyof typeof RolesEventType];

/** A fact for DOMAIN: `roles.<guildId>.<event>`. */
export function rolesEvent<K extends RolesEvent>(
  type: K,
  id: string,
  guildId: string,
  occurredAt: string,
  data: EventCatalogue[K],
  causationId?: string,
): OutgoingMessage {
  return {
    subject: domainSubject('roles', guildId, type.slice('roles.'.length)),
    envelope: event(type, { id, guildId, occurredAt, source: SOURCE, causationId, data }),
  };
}

/** Who decided a grant, for the gateway's own check of the live role (see RoleGrant). */
const GRANT_OF: Record<RoleRequestOrigin, RoleGrantKind> = {
  web: 'self-service',
  discord: 'self-service',
  reward: 'reward',
  enforce: 'enforce',
};

/** A role.add / role.remove for the gateway; its envelope id is the actionId results refer to. */
export function roleAction(
  guildId: string,
  actionId: string,
  kind: OpKind,
  userId: string,
  roleId: string,
  reason: string,
  occurredAt: string,
  origin: RoleRequestOrigin,
): OutgoingMessage {
  const base = { id: actionId, guildId, occurredAt, source: SOURCE };
  const data = { userId, roleId, reason: reason.slice(0, 400) };
  return kind === 'add'
    ? {
        subject: actionSubject(guildId, ActionType.RoleAdd),
        envelope: event(ActionType.RoleAdd, { ...base, data: { ...data, grant: GRANT_OF[origin] } }),
      }
    : {
        subject: actionSubject(guildId, ActionType.RoleRemove),
        envelope: event(ActionType.RoleRemove, { ...base, data }),
      };
}

/**
 * One member's roles are decided by one transaction at a time, whichever door the change came
 * through (web, Discord, a consumer batch, the retry sweep). Locks are taken in sorted order so
 * two batches touching the same members cannot deadlock.
 */
export async function lockMembers(tx: Tx, schema: string, members: Iterable<string>): Promise<void> {
  const keys = [...new Set(members)].sort();
  for (const key of keys)
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [schema, key]);
}

export const memberKey = (guildId: string, userId: string): string => `${guildId}:${userId}`;

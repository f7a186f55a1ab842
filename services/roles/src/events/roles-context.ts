import {
  actionSubject,
  ActionType,
  domainSubject,
  event,
  RolesEventType,
  type EventCatalogue,
} from '@guildhall/contracts';
import type { OutgoingMessage, Outbox, Tx } from '@guildhall/eventing';
import type { RetryPolicy } from '../domain/retry-policy';
import type { OpKind } from '../domain/sync-plan';

/** What every roles handler needs: where its tables are, where its messages go, how it retries. */
export interface RolesContext {
  schema: string;
  outbox: Outbox;
  retry: RetryPolicy;
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

/** A role.add / role.remove for the gateway; its envelope id is the actionId results refer to. */
export function roleAction(
  guildId: string,
  actionId: string,
  kind: OpKind,
  userId: string,
  roleId: string,
  reason: string,
  occurredAt: string,
): OutgoingMessage {
  const type = kind === 'add' ? ActionType.RoleAdd : ActionType.RoleRemove;
  return {
    subject: actionSubject(guildId, type),
    envelope: event(type, {
      id: actionId,
      guildId,
      occurredAt,
      source: SOURCE,
      data: { userId, roleId, reason: reason.slice(0, 400) },
    }),
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

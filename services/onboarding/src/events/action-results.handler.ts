import { GatewayEventType, type EnvelopeOf, derivedId } from '@guildhall/contracts';
import type { Fact } from '../domain/facts';
import type { Queryable } from '../projections/queryable';
import type { FactStore } from './fact-store';
import { SOURCE } from './outgoing';
import { NOTHING, Plan } from './plan';

/** Reads the gateway's reports on the actions we wait for: created roles and the posted rules message. */
export async function onActionResult(
  tx: Queryable,
  store: FactStore,
  env: EnvelopeOf<'action.done' | 'action.failed'>,
): Promise<Plan> {
  const { actionId, resultId, error, httpStatus } = env.data;
  const done = env.type === GatewayEventType.ActionDone;
  const at = { id: derivedId(env.id, 'result'), guildId: env.guildId, occurredAt: env.occurredAt };
  const failure =
    error ?? (done ? 'Discord returned no id for the new role' : 'the action failed without a reason');
  const request = await store.projections.actionRequests.find(tx, actionId);
  if (!request || request.guildId !== env.guildId) {
    // Other services' results share the subject; ours are recognised by the id prefix.
    if (done || !actionId.startsWith(`${SOURCE}:`)) return NOTHING;
    return {
      facts: [
        {
          ...at,
          type: 'action.failed',
          data: { actionId, kind: env.data.kind, error: failure, httpStatus: httpStatus ?? null },
        },
      ],
      actions: [],
    };
  }
  let fact: Fact;
  if (request.purpose.kind === 'role') {
    const { slot } = request.purpose;
    const setup = await store.projections.setup.load(tx, env.guildId);
    const name = setup.roleRequests[slot]?.name ?? slot;
    fact =
      done && resultId
        ? { ...at, type: 'role.assigned', data: { slot, roleId: resultId, how: 'created' } }
        : {
            ...at,
            type: 'role.failed',
            data: { slot, name, actionId, error: failure, httpStatus: httpStatus ?? null },
          };
  } else {
    fact = done
      ? { ...at, type: 'rules_message.posted', data: { actionId, messageId: resultId ?? null } }
      : {
          ...at,
          type: 'rules_message.failed',
          data: { actionId, error: failure, httpStatus: httpStatus ?? null },
        };
  }
  return { facts: [fact], actions: [] };
}

import { derivedId, type Envelope, type MemberLeft } from '@guildhall/contracts';
import type { Queryable } from '../projections/queryable';
import type { FactStore } from './fact-store';
import { NOTHING, Plan } from './plan';

/** Only the fact; what a return means is decided when they join again. */
export async function onMemberLeft(
  tx: Queryable,
  store: FactStore,
  env: Envelope<MemberLeft>,
): Promise<Plan> {
  const member = await store.projections.members.load(tx, env.guildId, env.data.userId);
  if (!member?.present) return NOTHING;
  return {
    facts: [
      {
        id: derivedId(env.id, 'member.left'),
        guildId: env.guildId,
        occurredAt: env.occurredAt,
        type: 'member.left',
        userId: env.data.userId,
        data: {},
      },
    ],
    actions: [],
  };
}

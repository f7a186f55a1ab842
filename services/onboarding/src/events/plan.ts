import type { OutgoingMessage } from '@guildhall/eventing';
import type { Fact } from '../domain/facts';
import type { Queryable } from '../projections/queryable';
import type { FactStore } from './fact-store';

/** What handling one input decided: facts to record and actions for the gateway. */
export interface Plan {
  facts: Fact[];
  actions: OutgoingMessage[];
}

export const NOTHING: Plan = { facts: [], actions: [] };

export function merge(...plans: Plan[]): Plan {
  return { facts: plans.flatMap((p) => p.facts), actions: plans.flatMap((p) => p.actions) };
}

/**
 * Records the facts and queues the actions in the caller's transaction. A plan whose facts were
 * all recorded before (a replay past the inbox) queues no actions either.
 */
export async function commitPlan(tx: Queryable, store: FactStore, plan: Plan): Promise<Fact[]> {
  const appended = await store.append(tx, plan.facts);
  if (plan.facts.length > 0 && appended.length === 0) return appended;
  await store.outbox.add(tx, plan.actions);
  return appended;
}

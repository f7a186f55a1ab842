import { ActionType } from '@guildhall/contracts';

/**
 * Actions run in lanes, one durable consumer each, so a flood of one family (level-up
 * announcements after a busy hour) never queues a role change or an interaction reply behind
 * it. Order holds within a lane, per guild, which is all Discord needs: a reply and a role
 * change have no order between them. The lanes come from the contract's action kinds, so a
 * new family gets its own lane and no subject on the work queue is left without a reader.
 */
export interface ActionLane {
  family: string;
  durable: string;
  filterSubject: string;
}

export function actionLanes(durablePrefix: string): ActionLane[] {
  const families = [...new Set(Object.values(ActionType).map((kind) => kind.split('.')[0]))].sort();
  return families.map((family) => ({
    family,
    durable: `${durablePrefix}-${family}`,
    filterSubject: `actions.*.${family}.>`,
  }));
}

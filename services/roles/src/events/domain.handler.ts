import {
  derivedId,
  GatewayEventType,
  OnboardingEventType,
  XpEventType,
  type AnyEnvelope,
  type EnvelopeOf,
} from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { fact } from '../domain/facts';
import { crossesReward } from '../domain/level-rewards';
import { loadGuild } from '../projections/guilds.projection';
import { recordFacts } from '../projections/project-fact';
import { loadRewardTable } from '../projections/rewards.projection';
import { applyActionResult, opsByActionId } from './action-results';
import { grantRewards } from './grant-rewards';
import { lockMembers, memberKey, RolesContext } from './roles-context';

export const DOMAIN_SUBJECTS = [
  'xp.*.level_reached',
  'onboarding.*.rules_agreed',
  'onboarding.*.rules_published',
  'gateway.*.action.done',
  'gateway.*.action.failed',
];

const isResult = (e: AnyEnvelope): e is EnvelopeOf<'action.done' | 'action.failed'> =>
  e.type === GatewayEventType.ActionDone || e.type === GatewayEventType.ActionFailed;

/** Applies a batch from DOMAIN (levels, rules agreements, gateway results) in the consumer's transaction. */
export function domainHandler(ctx: RolesContext): (batch: AnyEnvelope[], tx: Tx) => Promise<void> {
  return async (batch, tx) => {
    const s = ctx.schema;
    const actionIds = batch.filter(isResult).map((e) => e.data.actionId);
    const before = await opsByActionId(tx, s, actionIds);
    await lockMembers(tx, s, [
      ...[...before.values()].map((op) => memberKey(op.guildId, op.userId)),
      ...batch
        .filter((e) => !isResult(e))
        .flatMap((e) => ('userId' in e.data ? [memberKey(e.guildId, e.data.userId)] : [])),
    ]);
    // Read again under the locks: the retry sweep may have moved an operation on meanwhile.
    const ops = await opsByActionId(tx, s, actionIds);
    for (const env of batch) {
      if (isResult(env)) {
        const op = ops.get(env.data.actionId);
        if (!op) continue;
        ops.delete(env.data.actionId);
        await applyActionResult(ctx, tx, op, env, env.type === GatewayEventType.ActionDone);
        continue;
      }
      switch (env.type) {
        case XpEventType.LevelReached:
          await levelReached(ctx, tx, env);
          break;
        case OnboardingEventType.RulesAgreed: {
          const d = env.data;
          await recordFacts(tx, s, [
            fact('member.rules_agreed', derivedId(env.id, 'rules'), env.guildId, env.occurredAt, {
              userId: d.userId,
              rulesVersion: d.rulesVersion,
            }),
          ]);
          break;
        }
        case OnboardingEventType.RulesPublished: {
          const d = env.data;
          await recordFacts(tx, s, [
            fact('guild.rules_published', derivedId(env.id, 'rules'), env.guildId, env.occurredAt, {
              version: d.version,
              requiresReagreement: d.requiresReagreement,
            }),
          ]);
          break;
        }
        default:
          break;
      }
    }
  };
}

async function levelReached(ctx: RolesContext, tx: Tx, env: EnvelopeOf<'xp.level_reached'>): Promise<void> {
  const { userId, level, previousLevel } = env.data;
  await recordFacts(tx, ctx.schema, [
    fact('member.level_reached', derivedId(env.id, 'level'), env.guildId, env.occurredAt, { userId, level }),
  ]);
  const table = await loadRewardTable(tx, ctx.schema, env.guildId);
  if (!crossesReward(table, previousLevel, level)) return;
  const guild = await loadGuild(tx, ctx.schema, env.guildId);
  await grantRewards(ctx, tx, guild, table, {
    guildId: env.guildId,
    userId,
    level,
    requestId: `reward:${env.id}`,
    occurredAt: env.occurredAt,
  });
}

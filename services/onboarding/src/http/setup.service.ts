import { Injectable } from '@nestjs/common';
import { rejectUnknownIds, type IdReference } from '@guildhall/guild-directory';
import { randomUUID } from 'node:crypto';
import type { Fact } from '../domain/facts';
import { GuildSettings, roleIdOf, roleNameOf, ROLE_SLOTS, RoleSlot, setupProblems } from '../domain/setup';
import { commitPlan, merge, NOTHING } from '../events/plan';
import { postRulesMessage } from '../events/rules-message';
import { provisionRolesPlan } from '../events/role-provisioning';
import { evolveSetup, GuildSetup } from '../projections/guild-setup.projection';
import type { UpdateSetupDto } from './dto/update-setup.dto';
import { GuildTransactions } from './guild-transaction';

export interface RoleStatus {
  id: string | null;
  name: string;
  status: 'configured' | 'creating' | 'failed' | 'missing';
  error?: string;
}

/** Per-guild setup: settings, the roles it needs (created through Discord if missing), the rules message. */
@Injectable()
export class SetupService {
  constructor(private readonly tx: GuildTransactions) {}

  async get(guildId: string): Promise<ReturnType<typeof view>> {
    const store = this.tx.store;
    const setup = await store.projections.setup.load(this.tx.db, guildId);
    const rules = await store.projections.ruleSets.current(this.tx.db, guildId);
    return view(setup, rules.version);
  }

  /** `restoredFrom`: the setup version a restore brings back; the side effects are those of any save. */
  async update(guildId: string, body: UpdateSetupDto, by: string, restoredFrom?: number): Promise<ReturnType<typeof view>> {
    const { createMissingRoles = true, ...changes } = body;
    return this.tx.run(guildId, async (db) => {
      const store = this.tx.store;
      // Only the ids sent are checked: a role deleted since it was set must not block saving the welcome text.
      await rejectUnknownIds(db, this.tx.schema, guildId, sentIds(changes));
      const before = await store.projections.setup.load(db, guildId);
      const settings: GuildSettings = { ...before.settings, ...definedOnly(changes) };
      const cause = { id: `setup-${randomUUID()}`, guildId, occurredAt: new Date().toISOString() };
      const updated: Fact = { id: `${cause.id}:setup.updated`, guildId, occurredAt: cause.occurredAt, type: 'setup.updated', data: { settings, by, ...(restoredFrom === undefined ? {} : { restoredFrom }) } };
      const after = evolveSetup(before, updated);
      // The rules message goes up once per channel; /reconnect re-posts it on demand.
      const channelChanged = settings.rulesChannelId !== before.settings.rulesChannelId;
      const neverPosted = before.rulesMessage === null || before.rulesMessage.status === 'failed';
      const plan = merge(
        { facts: [updated], actions: [] },
        provisionRolesPlan(after, cause, { create: createMissingRoles, retryFailed: true }),
        channelChanged || neverPosted ? postRulesMessage(after, cause) : NOTHING,
      );
      await commitPlan(db, store, plan);
      const rules = await store.projections.ruleSets.current(db, guildId);
      return view(await store.projections.setup.load(db, guildId), rules.version);
    });
  }
}

const ID_FIELDS: ReadonlyArray<readonly [keyof UpdateSetupDto, IdReference['kind']]> = [
  ['rulesChannelId', 'channel'],
  ['welcomeChannelId', 'channel'],
  ['preMemberRoleId', 'role'],
  ['memberRoleId', 'role'],
  ['modRoleId', 'role'],
];

function sentIds(changes: UpdateSetupDto): IdReference[] {
  return ID_FIELDS.map(([field, kind]) => {
    const id = changes[field];
    return { field, kind, ids: typeof id === 'string' ? [id] : [] };
  });
}

/** DTO instances carry every declared field, sent or not; only the sent ones change a setting. */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function roleStatus(setup: GuildSetup, slot: RoleSlot): RoleStatus {
  const id = roleIdOf(setup.settings, slot);
  const name = roleNameOf(setup.settings, slot);
  if (id !== null) return { id, name, status: 'configured' };
  const request = setup.roleRequests[slot];
  if (request?.status === 'creating') return { id, name, status: 'creating' };
  if (request?.status === 'failed') return { id, name, status: 'failed', error: request.error };
  return { id, name, status: 'missing' };
}

function view(setup: GuildSetup, rulesVersion: number) {
  const summary = setupProblems(setup.settings, setup.roleRequests, setup.guild, setup.rulesMessage, setup.lastFailure);
  return {
    guildId: setup.guildId,
    settings: setup.settings,
    roles: Object.fromEntries(ROLE_SLOTS.map((slot) => [slot, roleStatus(setup, slot)])) as Record<RoleSlot, RoleStatus>,
    rulesMessage: setup.rulesMessage,
    lastFailure: setup.lastFailure,
    rulesVersion,
    guildName: setup.guild?.name ?? null,
    ready: summary.ready,
    problems: summary.problems,
    updatedAt: setup.updatedAt,
  };
}

import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { GuildSettings } from '../domain/setup';
import { confirmedSettings, unknownTarget } from '../domain/setup-proposal';
import { commitPlan } from '../events/plan';
import { saveSettingsPlan } from '../events/setup-plan';
import { setupView, type SetupView } from '../projections/setup-view';
import type { ConfirmSetupDto } from './dto/confirm-setup.dto';
import type { UpdateSetupDto } from './dto/update-setup.dto';
import { GuildTransactions } from './guild-transaction';

/** Per-guild setup: settings, the roles it needs (created through Discord if missing), the rules message. */
@Injectable()
export class SetupService {
  constructor(private readonly tx: GuildTransactions) {}

  async get(guildId: string): Promise<SetupView> {
    const store = this.tx.store;
    const setup = await store.projections.setup.load(this.tx.db, guildId);
    const rules = await store.projections.ruleSets.current(this.tx.db, guildId);
    return setupView(setup, rules.version);
  }

  async update(guildId: string, body: UpdateSetupDto, by: string): Promise<SetupView> {
    const { createMissingRoles = true, ...changes } = body;
    return this.tx.run(guildId, async (db) => {
      const store = this.tx.store;
      const before = await store.projections.setup.load(db, guildId);
      const settings: GuildSettings = { ...before.settings, ...definedOnly(changes) };
      const problem =
        unknownTarget(before.guild, 'rules channel', changes.rulesChannelId ?? null) ??
        unknownTarget(before.guild, 'welcome channel', changes.welcomeChannelId ?? null) ??
        [changes.preMemberRoleId, changes.memberRoleId, changes.modRoleId].map((id) => unknownTarget(before.guild, 'role', id ?? null)).find((p) => p) ??
        null;
      if (problem) throw new BadRequestException(problem);
      const cause = { id: `setup-${randomUUID()}`, guildId, occurredAt: new Date().toISOString() };
      await commitPlan(db, store, saveSettingsPlan(before, settings, cause, by, createMissingRoles));
      const rules = await store.projections.ruleSets.current(db, guildId);
      return setupView(await store.projections.setup.load(db, guildId), rules.version);
    });
  }

  /** Makes the proposal live: adopts or creates the roles, posts the rules message. */
  async confirm(guildId: string, body: ConfirmSetupDto, by: string): Promise<SetupView> {
    return this.tx.run(guildId, async (db) => {
      const store = this.tx.store;
      const before = await store.projections.setup.load(db, guildId);
      const decided = confirmedSettings(before.settings, before.guild, definedOnly(body));
      if (!decided.ok) {
        if (before.guild === null) throw new ConflictException(decided.problem);
        throw new BadRequestException(decided.problem);
      }
      const cause = { id: `setup-confirm-${randomUUID()}`, guildId, occurredAt: new Date().toISOString() };
      await commitPlan(db, store, saveSettingsPlan(before, decided.settings, cause, by, true));
      const rules = await store.projections.ruleSets.current(db, guildId);
      return setupView(await store.projections.setup.load(db, guildId), rules.version);
    });
  }
}

/** DTO instances carry every declared field, sent or not; only the sent ones change a setting. */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { rejectUnknownIds, unsafeRoleReason, type IdReference } from '@guildhall/guild-directory';
import { randomUUID } from 'node:crypto';
import type { GuildSettings } from '../domain/setup';
import { confirmedSettings } from '../domain/setup-proposal';
import { commitPlan } from '../events/plan';
import { saveSettingsPlan } from '../events/setup-plan';
import { setupView, type SetupView } from '../projections/setup-view';
import type { ConfirmSetupDto } from './dto/confirm-setup.dto';
import type { UpdateSetupDto } from './dto/update-setup.dto';
import type { Queryable } from '../projections/queryable';
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

  /** `restoredFrom`: the setup version a restore brings back; the side effects are those of any save. */
  async update(guildId: string, body: UpdateSetupDto, by: string, restoredFrom?: number): Promise<SetupView> {
    const { createMissingRoles = true, ...changes } = body;
    return this.tx.run(guildId, async (db) => {
      const store = this.tx.store;
      // Only the ids sent are checked: a role deleted since it was set must not block saving the welcome text.
      await rejectUnknownIds(db, this.tx.schema, guildId, sentIds(changes));
      await this.rejectUnsafeRoles(db, guildId, changes);
      const before = await store.projections.setup.load(db, guildId);
      const settings: GuildSettings = { ...before.settings, ...definedOnly(changes) };
      const cause = { id: `setup-${randomUUID()}`, guildId, occurredAt: new Date().toISOString() };
      await commitPlan(
        db,
        store,
        saveSettingsPlan(before, settings, cause, by, createMissingRoles, restoredFrom),
      );
      const rules = await store.projections.ruleSets.current(db, guildId);
      return setupView(await store.projections.setup.load(db, guildId), rules.version);
    });
  }

  /**
   * The roles onboarding hands out on its own (Pre-Member on join, Member on I Agree) must be safe
   * for anyone to receive: a 400 naming the field, in the ValidationPipe's shape, otherwise.
   */
  private async rejectUnsafeRoles(db: Queryable, guildId: string, changes: UpdateSetupDto): Promise<void> {
    const granted = (['preMemberRoleId', 'memberRoleId'] as const).filter(
      (f) => typeof changes[f] === 'string',
    );
    if (granted.length === 0) return;
    const model = await this.tx.store.directory.roleModel(db, guildId);
    const problems = granted.flatMap((field) => {
      const unsafe = model
        ? unsafeRoleReason(model, changes[field]!)
        : "this server's roles are not known yet";
      return unsafe ? [`${field}: ${unsafe}`] : [];
    });
    if (problems.length > 0)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
  }

  /** Makes the proposal live: adopts or creates the roles, posts the rules message. */
  async confirm(guildId: string, body: ConfirmSetupDto, by: string): Promise<SetupView> {
    return this.tx.run(guildId, async (db) => {
      const store = this.tx.store;
      // Confirming posts the rules message at once: a channel chosen here is checked as a save's is.
      await rejectUnknownIds(db, this.tx.schema, guildId, [
        { field: 'rulesChannelId', kind: 'channel', ids: idsOf(body.rulesChannelId) },
        { field: 'welcomeChannelId', kind: 'channel', ids: idsOf(body.welcomeChannelId) },
      ]);
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

const ID_FIELDS: ReadonlyArray<readonly [keyof UpdateSetupDto, IdReference['kind']]> = [
  ['rulesChannelId', 'channel'],
  ['welcomeChannelId', 'channel'],
  ['preMemberRoleId', 'role'],
  ['memberRoleId', 'role'],
  ['modRoleId', 'role'],
];

const idsOf = (id: unknown): string[] => (typeof id === 'string' ? [id] : []);

function sentIds(changes: UpdateSetupDto): IdReference[] {
  return ID_FIELDS.map(([field, kind]) => ({ field, kind, ids: idsOf(changes[field]) }));
}

/** DTO instances carry every declared field, sent or not; only the sent ones change a setting. */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { unknownVersionMessage } from '@guildhall/config-history';
import { inTransaction } from '@guildhall/platform';
import { EMPTY_CATALOG } from '../domain/catalog-changes';
import { catalogRestorePlan } from '../domain/catalog-restore';
import { fact, RolesFact } from '../domain/facts';
import { EMPTY_REWARDS } from '../domain/reward-table-changes';
import { unsafeRoleReason } from '../domain/role-safety';
import { loadGuild } from '../projections/guilds.projection';
import { recordFacts } from '../projections/project-fact';
import {
  catalogSnapshot,
  SettingsVersions,
  SettingValues,
  VersionedSetting,
} from '../projections/settings-versions';
import { ROLES_RUNTIME, RolesRuntime } from './roles.service';

/** Version 0 of each setting: what a guild has before anyone saves. */
export const BASELINES: SettingValues = { catalog: EMPTY_CATALOG, rewards: EMPTY_REWARDS };

/** Brings an earlier catalog back as a new version, with the checks a moderator's own edits get. */
@Injectable()
export class SettingsRestore {
  constructor(@Inject(ROLES_RUNTIME) private readonly rt: RolesRuntime) {}

  private get versions(): SettingsVersions {
    return new SettingsVersions(this.rt.ctx.schema);
  }

  async stored<K extends VersionedSetting>(
    guildId: string,
    setting: K,
    version: number,
  ): Promise<SettingValues[K]> {
    const value =
      version === 0 ? BASELINES[setting] : await this.versions.at(this.rt.pool, guildId, setting, version);
    if (!value) throw new NotFoundException(unknownVersionMessage(setting, version));
    return value;
  }

  /**
   * The edits between the catalog now and the chosen version, recorded as catalog facts (so
   * projections and rebuilds see ordinary edits) and one new version. A role that may no longer
   * be handed out (the bot lost rank, it became managed) is refused as an edit would be.
   */
  async restoreCatalog(
    guildId: string,
    version: number,
    by: string,
  ): Promise<{ version: number; value: SettingValues['catalog'] }> {
    const s = this.rt.ctx.schema;
    const target = await this.stored(guildId, 'catalog', version);
    const result = await inTransaction(this.rt.pool, async (tx) => {
      const guild = await loadGuild(tx, s, guildId);
      const plan = catalogRestorePlan(await catalogSnapshot(tx, s, guildId), target);
      const problems = plan.saveRoles.flatMap((r) => {
        const unsafe = unsafeRoleReason(guild.model, r.roleId);
        return unsafe ? [`roles.${r.roleId} (${r.label}): ${unsafe}`] : [];
      });
      if (problems.length > 0)
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: problems });
      const at = new Date().toISOString();
      const facts: RolesFact[] = [
        ...plan.saveCategories.map((c) => fact('catalog.category_saved', randomUUID(), guildId, at, c)),
        ...plan.saveRoles.map((r) => fact('catalog.role_saved', randomUUID(), guildId, at, r)),
        ...plan.deleteRoles.map((roleId) =>
          fact('catalog.role_deleted', randomUUID(), guildId, at, { roleId }),
        ),
        ...plan.deleteCategories.map((categoryId) =>
          fact('catalog.category_deleted', randomUUID(), guildId, at, { categoryId }),
        ),
      ];
      await recordFacts(tx, s, facts);
      return {
        version: await this.versions.record(tx, guildId, 'catalog', by, version),
        value: await catalogSnapshot(tx, s, guildId),
      };
    });
    this.rt.wake();
    return result;
  }
}

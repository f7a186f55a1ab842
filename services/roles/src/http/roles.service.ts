import { derivedId } from '@guildhall/contracts';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@guildhall/eventing';
import { rejectUnknownIds } from '@guildhall/guild-directory';
import { inTransaction, throwIfLimited } from '@guildhall/platform';
import type { CatalogCategory, CatalogRole } from '../domain/catalog';
import { fact, RolesFact } from '../domain/facts';
import type { RewardTable } from '../domain/level-rewards';
import { unsafeRoleReason } from '../domain/role-safety';
import { RewardJobRunner, supersedeRunningJobs } from '../events/reward-job';
import { requestAllowed } from '../events/request-rate-limit';
import type { RolesContext } from '../events/roles-context';
import { RequestOutcome, submitRequest } from '../events/submit-request';
import { loadCatalog } from '../projections/catalog.projection';
import { loadGuild } from '../projections/guilds.projection';
import { recordFacts } from '../projections/project-fact';
import { SettingsVersions } from '../projections/settings-versions';
import type { Pool } from 'pg';
import type { CatalogRoleBodyDto, CatalogRoleDto, CategoryDto } from './catalog.dto';
import type { RewardTableDto } from './rewards.dto';

/** What the HTTP layer needs from the running service; provided by RolesModule. */
export interface RolesRuntime {
  ctx: RolesContext;
  pool: Pool;
  jobs: RewardJobRunner;
  /** Publish what a commit wrote to the outbox now rather than at the relay's next poll. */
  wake(): void;
}
export const ROLES_RUNTIME = 'ROLES_RUNTIME';

/** The writes that arrive over HTTP: each one a set of facts recorded in one transaction. */
@Injectable()
export class RolesService {
  constructor(@Inject(ROLES_RUNTIME) private readonly rt: RolesRuntime) {}

  private get s(): string {
    return this.rt.ctx.schema;
  }

  private get versions(): SettingsVersions {
    return new SettingsVersions(this.s);
  }

  private async write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await inTransaction(this.rt.pool, fn);
    this.rt.wake();
    return result;
  }

  async createCategory(guildId: string, dto: CategoryDto, by: string): Promise<CatalogCategory> {
    const category = toCategory(randomUUID(), dto);
    await this.write(async (tx) => {
      await recordFacts(tx, this.s, [fact('catalog.category_saved', randomUUID(), guildId, now(), category)]);
      await this.versions.record(tx, guildId, 'catalog', by);
    });
    return category;
  }

  async updateCategory(
    guildId: string,
    categoryId: string,
    dto: CategoryDto,
    by: string,
  ): Promise<CatalogCategory> {
    const category = toCategory(categoryId, dto);
    await this.write(async (tx) => {
      if (!(await loadCatalog(tx, this.s, guildId)).categories.has(categoryId))
        throw new NotFoundException(`no category ${categoryId}`);
      await recordFacts(tx, this.s, [fact('catalog.category_saved', randomUUID(), guildId, now(), category)]);
      await this.versions.record(tx, guildId, 'catalog', by);
    });
    return category;
  }

  async deleteCategory(guildId: string, categoryId: string, by: string): Promise<void> {
    await this.write(async (tx) => {
      if (!(await loadCatalog(tx, this.s, guildId)).categories.has(categoryId))
        throw new NotFoundException(`no category ${categoryId}`);
      await recordFacts(tx, this.s, [
        fact('catalog.category_deleted', randomUUID(), guildId, now(), { categoryId }),
      ]);
      await this.versions.record(tx, guildId, 'catalog', by);
    });
  }

  async saveRole(
    guildId: string,
    dto: CatalogRoleDto,
    mode: 'create' | 'update',
    by: string,
  ): Promise<CatalogRole> {
    return this.write(async (tx) => {
      const catalog = await loadCatalog(tx, this.s, guildId);
      const guild = await loadGuild(tx, this.s, guildId);
      const exists = catalog.roles.has(dto.roleId);
      if (mode === 'update' && !exists)
        throw new NotFoundException(`role ${dto.roleId} is not in the catalog`);
      if (mode === 'create' && exists)
        throw new ConflictException(`roleId ${dto.roleId} is already in the catalog`);
      if (!catalog.categories.has(dto.categoryId))
        throw new BadRequestException(`categoryId: no category ${dto.categoryId} in this guild`);
      await rejectUnknownIds(tx, this.s, guildId, [{ field: 'roleId', kind: 'role', ids: [dto.roleId] }]);
      const unsafe = unsafeRoleReason(guild.model, dto.roleId);
      if (unsafe) throw new ConflictException(`roleId: ${unsafe}`);
      const entry = toCatalogRole(dto.roleId, dto, guild.model.roles.get(dto.roleId)?.name ?? dto.roleId);
      await recordFacts(tx, this.s, [fact('catalog.role_saved', randomUUID(), guildId, now(), entry)]);
      await this.versions.record(tx, guildId, 'catalog', by);
      return entry;
    });
  }

  async deleteRole(guildId: string, roleId: string, by: string): Promise<void> {
    await this.write(async (tx) => {
      if (!(await loadCatalog(tx, this.s, guildId)).roles.has(roleId))
        throw new NotFoundException(`role ${roleId} is not in the catalog`);
      await recordFacts(tx, this.s, [fact('catalog.role_deleted', randomUUID(), guildId, now(), { roleId })]);
      await this.versions.record(tx, guildId, 'catalog', by);
    });
  }

  /**
   * Saves the table and starts a job that re-applies it to every member with a known level.
   * `restoredFrom`: the version a restore brings back, through these same checks and job.
   */
  async configureRewards(
    guildId: string,
    dto: RewardTableDto,
    by: string,
    restoredFrom: number | null = null,
  ): Promise<RewardTable & { jobId: string; version: number }> {
    const levels = dto.rewards.map((r) => r.level);
    const duplicate = levels.find((l, i) => levels.indexOf(l) !== i);
    if (duplicate !== undefined) throw new BadRequestException(`rewards: level ${duplicate} appears twice`);
    const table: RewardTable = {
      mode: dto.mode,
      rewards: dto.rewards.map((r) => ({ level: r.level, roleIds: [...new Set(r.roleIds)] })),
    };
    const jobId = randomUUID();
    const version = await this.write(async (tx) => {
      await supersedeRunningJobs(tx, this.s, guildId, jobId);
      await rejectUnknownIds(
        tx,
        this.s,
        guildId,
        table.rewards.map((r, i) => ({
          field: `rewards[${i}].roleIds`,
          kind: 'role' as const,
          ids: r.roleIds,
        })),
      );
      const guild = await loadGuild(tx, this.s, guildId);
      const problems = table.rewards.flatMap((r, i) =>
        r.roleIds.flatMap((roleId) => {
          const unsafe = unsafeRoleReason(guild.model, roleId);
          return unsafe ? [`rewards[${i}].roleIds: ${roleId}: ${unsafe}`] : [];
        }),
      );
      if (problems.length > 0)
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: problems });
      const { rows } = await tx.query(
        `SELECT count(*)::int AS n FROM ${this.s}.members WHERE guild_id = $1 AND level > 0`,
        [guildId],
      );
      const changes: RolesFact[] = [
        fact('rewards.configured', derivedId(jobId, 'configured'), guildId, now(), {
          ...table,
          jobId,
          total: rows[0].n,
        }),
      ];
      await recordFacts(tx, this.s, changes);
      return this.versions.record(tx, guildId, 'rewards', by, restoredFrom);
    });
    void this.rt.jobs.run(jobId);
    return { ...table, jobId, version };
  }

  async setEnforce(guildId: string, enforce: boolean): Promise<void> {
    await this.write((tx) =>
      recordFacts(tx, this.s, [fact('settings.changed', randomUUID(), guildId, now(), { enforce })]),
    );
  }

  async request(
    guildId: string,
    userId: string,
    requestId: string,
    add: string[],
    remove: string[],
  ): Promise<RequestOutcome> {
    const at = Date.now();
    return this.write(async (tx) => {
      throwIfLimited(
        await requestAllowed(tx, this.s, this.rt.ctx.requestLimits, { guildId, userId, requestId, at }),
      );
      return submitRequest(this.rt.ctx, tx, {
        guildId,
        userId,
        requestId,
        origin: 'web',
        add,
        remove,
        occurredAt: new Date(at).toISOString(),
      });
    });
  }
}

const now = (): string => new Date().toISOString();

function toCategory(id: string, dto: CategoryDto): CatalogCategory {
  return {
    id,
    name: dto.name,
    description: dto.description ?? '',
    exclusive: dto.exclusive ?? false,
    maxRoles: dto.maxRoles ?? null,
    position: dto.position ?? 0,
  };
}

function toCatalogRole(roleId: string, dto: CatalogRoleBodyDto, fallbackLabel: string): CatalogRole {
  return {
    roleId,
    categoryId: dto.categoryId,
    label: dto.label ?? fallbackLabel,
    description: dto.description ?? '',
    emoji: dto.emoji ?? null,
    minLevel: dto.minLevel ?? null,
    requiresRules: dto.requiresRules ?? false,
  };
}

import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ConfigHistoryPage,
  historyPage,
  orThrow,
  parseHistoryQuery,
  parseSetting,
  parseVersion,
  RestoreResult,
  revalidate,
} from '@guildhall/config-history';
import { Claims, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { catalogChanges } from '../domain/catalog-changes';
import { rewardTableChanges } from '../domain/reward-table-changes';
import { loadGuild } from '../projections/guilds.projection';
import { SettingsVersions, VERSIONED_SETTINGS } from '../projections/settings-versions';
import { RewardTableDto } from './rewards.dto';
import { ROLES_RUNTIME, RolesRuntime, RolesService } from './roles.service';
import { BASELINES, SettingsRestore } from './settings-restore.service';

const badRequest = (m: string) => new BadRequestException(m);

/** Who changed the role catalog or the level rewards when, what changed, and restoring an earlier version. */
@Controller('guilds/:guildId/history/:setting')
@RequireRole('moderator')
export class HistoryController {
  constructor(
    private readonly roles: RolesService,
    private readonly restorer: SettingsRestore,
    @Inject(ROLES_RUNTIME) private readonly rt: RolesRuntime,
  ) {}

  @Get()
  async page(
    @Param('guildId') guildId: string,
    @Param('setting') setting: string,
    @Query('limit') limit?: string,
    @Query('before') before?: string,
  ): Promise<ConfigHistoryPage> {
    const name = orThrow(parseSetting(setting, VERSIONED_SETTINGS), (m) => new NotFoundException(m));
    const query = orThrow(parseHistoryQuery({ limit, before }), badRequest);
    const versions = new SettingsVersions(this.rt.ctx.schema);
    const [current, guild] = await Promise.all([
      versions.current(this.rt.pool, guildId, name),
      loadGuild(this.rt.pool, this.rt.ctx.schema, guildId),
    ]);
    const page = { setting: name, current, limit: query.limit };
    if (name === 'catalog')
      return historyPage({
        ...page,
        rows: await versions.page(this.rt.pool, guildId, 'catalog', query.before, query.limit + 1),
        baseline: { version: 0, at: null, by: null, value: BASELINES.catalog },
        diff: catalogChanges,
      });
    const roleName = (id: string) => guild.model.roles.get(id)?.name;
    return historyPage({
      ...page,
      rows: await versions.page(this.rt.pool, guildId, 'rewards', query.before, query.limit + 1),
      baseline: { version: 0, at: null, by: null, value: BASELINES.rewards },
      diff: (b, a) => rewardTableChanges(b, a, roleName),
    });
  }

  /** Catalog: the edits back to that version; rewards: saved again, so reward roles are re-applied to every member. */
  @Post(':version/restore')
  @HttpCode(201)
  async restore(
    @Param('guildId') guildId: string,
    @Param('setting') setting: string,
    @Param('version') rawVersion: string,
    @Claims() claims: ServiceClaims,
  ): Promise<RestoreResult<unknown>> {
    const name = orThrow(parseSetting(setting, VERSIONED_SETTINGS), (m) => new NotFoundException(m));
    const version = orThrow(parseVersion(rawVersion), badRequest);
    if (name === 'catalog') {
      const saved = await this.restorer.restoreCatalog(guildId, version, claims.sub);
      return { setting: name, version: saved.version, restoredFrom: version, value: saved.value };
    }
    const table = await this.restorer.stored(guildId, 'rewards', version);
    const dto = orThrow(revalidate(RewardTableDto, table), badRequest);
    const saved = await this.roles.configureRewards(guildId, dto, claims.sub, version);
    return { setting: name, version: saved.version, restoredFrom: version, value: saved };
  }
}

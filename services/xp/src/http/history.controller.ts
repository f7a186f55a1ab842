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
  unknownVersionMessage,
} from '@guildhall/config-history';
import { rejectUnknownIds } from '@guildhall/guild-directory';
import { Claims, KIT, PlatformKit, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { DEFAULT_POLICY } from '../domain/policy';
import { policyChanges } from '../domain/policy-changes';
import { PolicyHistory } from '../projections/policy-history';
import { policyIdReferences } from './policy-ids';
import { fromPolicy, PolicyDto, toPolicy } from './policy.dto';

const SETTINGS = ['xp-policy'] as const;

/** Who changed the XP policy when, what changed, and restoring an earlier version as a new one. */
@Controller('guilds/:guildId/history/:setting')
@RequireRole('moderator')
export class HistoryController {
  constructor(
    @Inject(KIT) private readonly kit: PlatformKit,
    private readonly policies: PolicyHistory,
  ) {}

  @Get()
  async history(
    @Param('guildId') guildId: string,
    @Param('setting') setting: string,
    @Query('limit') limit?: string,
    @Query('before') before?: string,
  ): Promise<ConfigHistoryPage> {
    const name = orThrow(parseSetting(setting, SETTINGS), (m) => new NotFoundException(m));
    const query = orThrow(parseHistoryQuery({ limit, before }), (m) => new BadRequestException(m));
    const [current, rows] = await Promise.all([
      this.policies.current(this.kit.pool, guildId),
      this.policies.page(this.kit.pool, guildId, query.before, query.limit + 1),
    ]);
    return historyPage({
      setting: name,
      current: current.version,
      rows,
      limit: query.limit,
      baseline: { version: 0, at: null, by: null, value: DEFAULT_POLICY },
      diff: policyChanges,
    });
  }

  /** The chosen version's policy, validated as a PUT would be, becomes the newest version. */
  @Post(':version/restore')
  @HttpCode(201)
  async restore(
    @Param('guildId') guildId: string,
    @Param('setting') setting: string,
    @Param('version') rawVersion: string,
    @Claims() claims: ServiceClaims,
  ): Promise<RestoreResult<ReturnType<typeof fromPolicy>>> {
    const name = orThrow(parseSetting(setting, SETTINGS), (m) => new NotFoundException(m));
    const version = orThrow(parseVersion(rawVersion), (m) => new BadRequestException(m));
    const stored = await this.policies.at(this.kit.pool, guildId, version);
    if (!stored) throw new NotFoundException(unknownVersionMessage(name, version));
    // Today's checks, as a PUT of this policy would get them.
    const dto = orThrow(revalidate(PolicyDto, fromPolicy(stored)), (m) => new BadRequestException(m));
    const policy = orThrow(
      toPolicy(dto),
      (m) => new BadRequestException(`this version no longer passes validation: ${m}`),
    );
    // A version saved before ids were checked may name another guild's channel.
    await rejectUnknownIds(this.kit.pool, this.kit.config.schema, guildId, policyIdReferences(policy));
    const saved = await this.policies.append(this.kit.pool, guildId, policy, claims.sub, version);
    return { setting: name, version: saved.version, restoredFrom: version, value: fromPolicy(policy) };
  }
}

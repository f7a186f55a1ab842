import { BadRequestException, Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { rejectUnknownIds } from '@guildhall/guild-directory';
import { Claims, KIT, PlatformKit, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { PolicyHistory } from '../projections/policy-history';
import { policyIdReferences } from './policy-ids';
import { fromPolicy, PolicyDto, toPolicy } from './policy.dto';
import { GuildParams } from './xp-reads.dto';

/** A guild's XP policy: moderators read and replace it; every change is a new recorded version. */
@Controller('guilds/:guildId/policy')
@RequireRole('moderator')
export class PolicyController {
  constructor(
    @Inject(KIT) private readonly kit: PlatformKit,
    private readonly policies: PolicyHistory,
  ) {}

  @Get()
  async get(@Param() params: GuildParams) {
    const current = await this.policies.current(this.kit.pool, params.guildId);
    return {
      guildId: params.guildId,
      version: current.version,
      effectiveAt: current.effectiveAt === null ? null : new Date(current.effectiveAt).toISOString(),
      policy: fromPolicy(current.policy),
    };
  }

  @Put()
  async put(@Param() params: GuildParams, @Body() body: PolicyDto, @Claims() claims: ServiceClaims) {
    const policy = toPolicy(body);
    if ('error' in policy) throw new BadRequestException(policy.error);
    await rejectUnknownIds(this.kit.pool, this.kit.config.schema, params.guildId, policyIdReferences(policy));
    const saved = await this.policies.append(this.kit.pool, params.guildId, policy, claims.sub);
    return {
      guildId: params.guildId,
      version: saved.version,
      effectiveAt: new Date(saved.effectiveAt).toISOString(),
      policy: fromPolicy(policy),
    };
  }
}

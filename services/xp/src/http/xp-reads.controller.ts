import { Controller, ForbiddenException, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { Claims, Public, type ServiceClaims } from '@guildhall/platform';
import { leaderboardDepthRefusal } from '../domain/leaderboard-depth';
import { GuildParams, LeaderboardQuery, MemberParams } from './xp-reads.dto';
import { XpReads } from './xp-reads.service';

/** Public reads: profiles and leaderboards are visible to anyone, as they are in Discord. */
@Controller('guilds/:guildId')
export class XpReadsController {
  constructor(private readonly reads: XpReads) {}

  @Public()
  @Get()
  async guild(@Param() params: GuildParams) {
    const guild = await this.reads.guild(params.guildId);
    if (!guild) throw new NotFoundException(`guild ${params.guildId} is not known to Guildhall`);
    return guild;
  }

  @Public()
  @Get('members/:userId')
  member(@Param() params: MemberParams) {
    return this.reads.member(params.guildId, params.userId);
  }

  @Public()
  @Get('leaderboard')
  leaderboard(
    @Param() params: GuildParams,
    @Query() query: LeaderboardQuery,
    @Claims() claims: ServiceClaims | undefined,
  ) {
    const [limit, offset] = [query.limit ?? 10, query.offset ?? 0];
    const refusal = leaderboardDepthRefusal(offset, limit, claims?.guildId === params.guildId);
    if (refusal) throw new ForbiddenException(refusal);
    return this.reads.leaderboardPage(params.guildId, limit, offset);
  }
}

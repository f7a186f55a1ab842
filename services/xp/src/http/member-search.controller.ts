import { Controller, Get, Param, Query } from '@nestjs/common';
import { RequireRole } from '@guildhall/platform';
import { GuildParams, MemberSearchQuery } from './xp-reads.dto';
import { XpReads } from './xp-reads.service';

/** Finding a member by name, for the moderators' members table (the public reads stay by id). */
@Controller('guilds/:guildId/members')
@RequireRole('moderator')
export class MemberSearchController {
  constructor(private readonly reads: XpReads) {}

  @Get()
  search(@Param() params: GuildParams, @Query() query: MemberSearchQuery) {
    return this.reads.search(params.guildId, query.search.trim(), query.limit ?? 25);
  }
}

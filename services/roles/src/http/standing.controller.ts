import { Body, Controller, ForbiddenException, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Claims, type ServiceClaims } from '@guildhall/platform';
import { ROLES_RUNTIME, RolesRuntime } from './roles.service';
import { StandingQueryDto } from './standing.dto';

export interface GuildStanding {
  guildId: string;
  /** The member's roles as Discord last told us; null when we have not seen them yet. */
  roles: string[] | null;
}

/**
 * Which of a member's guilds Guildhall is in (the gateway has synced them) and the member's
 * roles there, in one read. The dashboard asks this at sign-in and on each re-check instead of
 * paging every guild of the bot with the bot token and reading each member from Discord.
 * Asked for the member themself only: the route has no :guildId, the token names the member.
 */
@Controller('members/:userId')
export class StandingController {
  constructor(@Inject(ROLES_RUNTIME) private readonly rt: RolesRuntime) {}

  @Post('standing')
  @HttpCode(200)
  async standing(
    @Param('userId') userId: string,
    @Claims() claims: ServiceClaims,
    @Body() dto: StandingQueryDto,
  ): Promise<{ guilds: GuildStanding[] }> {
    if (claims.sub !== userId) throw new ForbiddenException('a member may only ask about themself');
    const s = this.rt.ctx.schema;
    const { rows } = await this.rt.pool.query(
      `SELECT g.guild_id, m.roles FROM ${s}.directory_guilds g
       LEFT JOIN ${s}.members m ON m.guild_id = g.guild_id COLLATE "C" AND m.user_id = $2
       WHERE g.guild_id = ANY($1::text[]) ORDER BY g.guild_id`,
      [dto.guildIds, userId],
    );
    return { guilds: rows.map((r) => ({ guildId: r.guild_id, roles: r.roles ?? null })) };
  }
}

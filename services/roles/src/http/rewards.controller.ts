import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Put } from '@nestjs/common';
import { Claims, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { loadGuild } from '../projections/guilds.projection';
import { loadRewardJob, loadRewardTable } from '../projections/rewards.projection';
import { RewardTableDto, SettingsDto } from './rewards.dto';
import { ROLES_RUNTIME, RolesRuntime, RolesService } from './roles.service';

@Controller('guilds/:guildId')
export class RewardsController {
  constructor(
    private readonly roles: RolesService,
    @Inject(ROLES_RUNTIME) private readonly rt: RolesRuntime,
  ) {}

  @Get('rewards')
  rewards(@Param('guildId') guildId: string) {
    return loadRewardTable(this.rt.pool, this.rt.ctx.schema, guildId);
  }

  /** 202: the table is saved; a job re-applies it to every member, see rewards/jobs/:id. */
  @Put('rewards')
  @RequireRole('moderator')
  @HttpCode(202)
  configure(@Param('guildId') guildId: string, @Body() dto: RewardTableDto, @Claims() claims: ServiceClaims) {
    return this.roles.configureRewards(guildId, dto, claims.sub);
  }

  @Get('rewards/jobs/:jobId')
  async job(@Param('guildId') guildId: string, @Param('jobId') jobId: string) {
    const job = await loadRewardJob(this.rt.pool, this.rt.ctx.schema, jobId);
    if (!job || job.guildId !== guildId) throw new NotFoundException(`no rewards job ${jobId}`);
    return { jobId: job.jobId, status: job.status, done: job.done, total: Math.max(job.total, job.done) };
  }

  @Get('settings')
  @RequireRole('moderator')
  async settings(@Param('guildId') guildId: string) {
    const guild = await loadGuild(this.rt.pool, this.rt.ctx.schema, guildId);
    return { enforce: guild.enforce };
  }

  @Put('settings')
  @RequireRole('moderator')
  async setSettings(@Param('guildId') guildId: string, @Body() dto: SettingsDto) {
    await this.roles.setEnforce(guildId, dto.enforce);
    return { enforce: dto.enforce };
  }
}

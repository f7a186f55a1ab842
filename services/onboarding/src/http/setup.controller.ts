import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Claims, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { ConfirmSetupDto } from './dto/confirm-setup.dto';
import { UpdateSetupDto } from './dto/update-setup.dto';
import { SetupService } from './setup.service';

@Controller('guilds/:guildId/setup')
@RequireRole('moderator')
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  /** Settings, role and rules-message status, and what still blocks onboarding (e.g. missing permissions). */
  @Get()
  get(@Param('guildId') guildId: string) {
    return this.setup.get(guildId);
  }

  @Put()
  update(@Param('guildId') guildId: string, @Body() body: UpdateSetupDto, @Claims() claims: ServiceClaims) {
    return this.setup.update(guildId, body, claims.sub);
  }

  /** Makes the proposed setup live (creates the missing roles, posts the rules message); a channel in the body replaces the proposed one. */
  @Post('confirm')
  @HttpCode(200)
  confirm(@Param('guildId') guildId: string, @Body() body: ConfirmSetupDto, @Claims() claims: ServiceClaims) {
    return this.setup.confirm(guildId, body, claims.sub);
  }
}

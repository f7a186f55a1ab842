import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Claims, RequireRole, type ServiceClaims } from '@guildhall/platform';
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
}

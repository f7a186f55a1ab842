import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { GuildDirectoryResponse } from '@guildhall/contracts';
import { KIT, type PlatformKit, RequireRole } from '@guildhall/platform';
import { DirectoryReads } from './directory-reads';
import { directoryView } from './directory-view';

/** What this service knows of the guild's roles and channels: the dashboard's pickers read it. */
@Controller('guilds/:guildId/directory')
@RequireRole('moderator')
export class GuildDirectoryController {
  private readonly reads: DirectoryReads;

  constructor(@Inject(KIT) private readonly kit: PlatformKit) {
    this.reads = new DirectoryReads(kit.config.schema);
  }

  @Get()
  async get(@Param('guildId') guildId: string): Promise<GuildDirectoryResponse> {
    return directoryView(guildId, await this.reads.load(this.kit.pool, guildId));
  }
}

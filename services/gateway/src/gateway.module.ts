import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type PlatformKit } from '@guildhall/platform';
import type { Client } from 'discord.js';
import { DISCORD_CLIENT, ShardsController } from './http/shards.controller';

/** Wiring only: health and metrics from the platform, plus the shard status route. */
@Module({})
export class GatewayModule {
  static forRoot(kit: PlatformKit, client: Client): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forKit(kit)],
      controllers: [ShardsController],
      providers: [{ provide: DISCORD_CLIENT, useValue: client }],
    };
  }
}

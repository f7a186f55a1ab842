import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { GatewayConfig } from '../config';

/**
 * The unmodified discord.js client. Intents are only what the contracts need: guilds (roles,
 * channels), members (joins, leaves, role changes) and guild messages — never MessageContent,
 * XP needs who/where/when only. The gateway translates raw dispatches, so discord.js' caches
 * are cut to what keeps the client itself working: nothing that grows with message volume
 * or member count (20k messages/s must not grow memory).
 */
export function createDiscordClient(config: GatewayConfig): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages],
    rest: { api: config.discordApiUrl },
    // Events are read from raw dispatches, so no partial structures are needed.
    partials: [],
    makeCache: Options.cacheWithLimits({
      MessageManager: 0,
      DMMessageManager: 0,
      GuildMessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      ThreadMemberManager: 0,
      GuildBanManager: 0,
      GuildInviteManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      EntitlementManager: 0,
      // Only the bot itself stays cached (discord.js reads it for permission checks).
      GuildMemberManager: { maxSize: 0, keepOverLimit: (m) => m.id === m.client.user?.id },
      UserManager: { maxSize: 0, keepOverLimit: (u) => u.id === u.client.user?.id },
    }),
  };
  if (config.shardIds !== undefined) options.shards = config.shardIds;
  if (config.shardCount !== undefined) options.shardCount = config.shardCount;
  return new Client(options);
}

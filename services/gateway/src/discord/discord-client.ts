import {
  SimpleShardingStrategy,
  type IIdentifyThrottler,
  type WebSocketManager,
  type WebSocketManagerOptions,
} from '@discordjs/ws';
import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import { rejectLongRateLimit } from '../actions/rate-limit-parking';
import type { GatewayConfig } from '../config';
import { LeasedShardingStrategy } from './leased-sharding';
import type { ShardReadGate } from './shard-read-gate';
import type { ShardSessions } from './shard-sessions';

/** How this process's shards fit with the bot's other gateway processes. */
export interface ShardCoordination {
  /** Resolves once this process may run `shardIds` (their leases held, their sessions read). */
  beforeConnect(shardIds: number[]): Promise<void>;
  /** Spaces IDENTIFYs across all processes of the bot, for Discord's `max_concurrency`. */
  identifyThrottler(maxConcurrency: number): IIdentifyThrottler;
}

export interface DiscordConnection {
  client: Client;
  /** Closes every shard with a code that keeps its session resumable (1000 would end it). */
  closeResumably(): Promise<void>;
}

/** Discord keeps a session resumable unless the client closes with 1000 or 1001. */
const RESUMABLE_CLOSE = 4200;

/**
 * The unmodified discord.js client. Intents are only what the contracts need: guilds (roles,
 * channels), members (joins, leaves, role changes) and guild messages — never MessageContent,
 * XP needs who/where/when only. The gateway translates raw dispatches, so discord.js' caches
 * are cut to what keeps the client itself working: nothing that grows with message volume
 * or member count (20k messages/s must not grow memory). Its session bookkeeping goes through
 * `sessions` (kept in Postgres, for RESUME after a restart), its sockets through `gate`, and its
 * shards connect, and identify, as `shards` allows.
 */
export function createDiscordClient(
  config: GatewayConfig,
  sessions: ShardSessions,
  gate: ShardReadGate,
  shards: ShardCoordination,
): DiscordConnection {
  let manager: WebSocketManager | undefined;
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages],
    rest: { api: config.discordApiUrl, rejectOnRateLimit: rejectLongRateLimit },
    // Events are read from raw dispatches, so no partial structures are needed.
    partials: [],
    ws: {
      buildStrategy: (wsManager) => {
        manager = wsManager;
        routeSessions(wsManager, sessions);
        const strategy = new SimpleShardingStrategy(wsManager);
        gate.attach(strategy);
        return new LeasedShardingStrategy(strategy, (ids) => shards.beforeConnect(ids));
      },
      buildIdentifyThrottler: async (wsManager) => {
        const { session_start_limit: limit } = await wsManager.fetchGatewayInformation();
        return shards.identifyThrottler(limit.max_concurrency);
      },
    },
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
  return {
    client: new Client(options),
    closeResumably: async () => {
      await manager?.destroy({ code: RESUMABLE_CLOSE, reason: 'gateway stopping; it will resume' });
    },
  };
}

/**
 * discord.js keeps sessions in its shard objects only; here they go through `sessions`, and
 * discord.js is still told (it reads its copy on HELLO and RESUMED).
 */
function routeSessions(wsManager: WebSocketManager, sessions: ShardSessions): void {
  const opts = wsManager.options as {
    -readonly [K in keyof WebSocketManagerOptions]: WebSocketManagerOptions[K];
  };
  const tellDiscordJs = opts.updateSessionInfo.bind(opts);
  const told = new Set<number>();
  opts.retrieveSessionInfo = (shardId) => {
    const session = sessions.retrieve(shardId);
    if (session && !told.has(shardId)) {
      told.add(shardId);
      tellDiscordJs(shardId, session);
    }
    return session;
  };
  opts.updateSessionInfo = (shardId, info) => {
    sessions.update(shardId, info);
    told.add(shardId);
    tellDiscordJs(shardId, info);
  };
}

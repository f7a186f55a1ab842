import { hostname } from 'node:os';
import { baseConfig, ConfigError, type BaseConfig } from '@guildhall/platform';

export interface GatewayConfig {
  base: BaseConfig;
  discordToken: string;
  /** Read from READY's application when not configured. */
  applicationId?: string;
  /** REST base without `/v10`; the gateway URL comes from `GET /gateway/bot` under it. */
  discordApiUrl: string;
  /** Shards this process runs; undefined lets discord.js run all of `shardCount`. */
  shardIds?: number[];
  shardCount?: number;
  interactions: {
    /** Discord fails an interaction after 3 s; the gateway defers on the owner's behalf before that. */
    deferMs: number;
    /** Past this an unanswered interaction is told to try again, so a member never gets silence. */
    giveUpMs: number;
    /** Whether the gateway's own deferral of a command is ephemeral (fixes the visibility of the late answer too). */
    deferEphemeral: boolean;
  };
  publish: { maxBatch: number; lingerMs: number; maxQueued: number };
  actions: {
    batchSize: number;
    maxWaitMs: number;
    /** Cap on message sends/edits a second, kept below Discord's global 50 so role changes never wait on announcements. */
    messagesPerSecond: number;
    /** A guild whose route is rate limited for longer has its actions set aside, so the lane goes on. */
    parkAfterMs: number;
  };
}

const DISCORD_DEADLINE_MS = 3000;
const SNOWFLAKE = /^\d{1,20}$/;

/** The environment parsed once; every problem is reported together. */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const base = baseConfig('gateway', 3100, env);
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) {
      problems.push(`${name} "${text}" must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };

  const discordToken = read('DISCORD_TOKEN');
  if (discordToken === undefined)
    problems.push('DISCORD_TOKEN is required (the bot token, or any string for the simulator)');

  const applicationId = read('DISCORD_APPLICATION_ID');
  if (applicationId !== undefined && !SNOWFLAKE.test(applicationId))
    problems.push(`DISCORD_APPLICATION_ID "${applicationId}" must be a Discord snowflake`);

  const discordApiUrl = (read('DISCORD_API_URL') ?? 'https://discord.com/api').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(discordApiUrl))
    problems.push('DISCORD_API_URL must start with http:// or https://');
  else if (/\/v\d+$/.test(discordApiUrl))
    problems.push('DISCORD_API_URL must not end in /v10: discord.js appends the version');

  const shardCountText = read('SHARD_COUNT');
  const shardCount = shardCountText === undefined ? undefined : int('SHARD_COUNT', 1, 1, 100_000);
  let shardIdsText = read('SHARD_IDS');
  const fromHostname = read('SHARD_IDS_FROM_HOSTNAME') ?? 'false';
  if (!/^(true|false)$/.test(fromHostname)) problems.push('SHARD_IDS_FROM_HOSTNAME must be true or false');
  else if (fromHostname === 'true') {
    // A StatefulSet's pod N is named <set>-N: it runs shard N, however its container is started.
    const podName = read('POD_NAME') ?? read('HOSTNAME') ?? hostname();
    const ordinal = /-(\d+)$/.exec(podName)?.[1];
    if (shardIdsText !== undefined)
      problems.push('SHARD_IDS and SHARD_IDS_FROM_HOSTNAME=true exclude each other: set one');
    else if (ordinal === undefined)
      problems.push(
        `SHARD_IDS_FROM_HOSTNAME: the pod name "${podName}" does not end in -<ordinal> (a StatefulSet's gateway-0, gateway-1…)`,
      );
    else shardIdsText = ordinal;
  }
  let shardIds: number[] | undefined;
  if (shardIdsText !== undefined) {
    const parts = shardIdsText.split(',').map((s) => s.trim());
    if (parts.some((p) => !/^\d+$/.test(p)))
      problems.push(`SHARD_IDS "${shardIdsText}" must be comma-separated shard numbers, e.g. "0,1"`);
    else {
      shardIds = [...new Set(parts.map(Number))].sort((a, b) => a - b);
      if (shardCount === undefined)
        problems.push('SHARD_IDS needs SHARD_COUNT (the total number of shards of the bot)');
      else if (shardIds.some((id) => id >= shardCount))
        problems.push(`SHARD_IDS "${shardIdsText}" must all be below SHARD_COUNT ${shardCount}`);
    }
  }

  const deferMs = int('INTERACTION_DEFER_MS', 2000, 0, DISCORD_DEADLINE_MS - 250);
  const giveUpMs = int('INTERACTION_GIVE_UP_MS', 10_000, 1, 14 * 60_000);
  if (giveUpMs <= deferMs) problems.push('INTERACTION_GIVE_UP_MS must be greater than INTERACTION_DEFER_MS');
  const ephemeralText = read('INTERACTION_DEFER_EPHEMERAL') ?? 'true';
  if (!/^(true|false)$/.test(ephemeralText))
    problems.push('INTERACTION_DEFER_EPHEMERAL must be true or false');

  const config: GatewayConfig = {
    base,
    discordToken: discordToken ?? '',
    discordApiUrl,
    interactions: { deferMs, giveUpMs, deferEphemeral: ephemeralText === 'true' },
    publish: {
      maxBatch: int('PUBLISH_MAX_BATCH', 1000, 1, 100_000),
      lingerMs: int('PUBLISH_LINGER_MS', 5, 0, 1000),
      maxQueued: int('PUBLISH_MAX_QUEUED', 200_000, 1000),
    },
    actions: {
      batchSize: int('ACTIONS_BATCH_SIZE', 50, 1, 1000),
      maxWaitMs: int('ACTIONS_MAX_WAIT_MS', 20, 1, 5000),
      messagesPerSecond: int('MESSAGE_ACTIONS_PER_SECOND', 40, 1, 100_000),
      parkAfterMs: int('ACTIONS_PARK_AFTER_MS', 2000, 0, 60_000),
    },
  };
  if (applicationId !== undefined) config.applicationId = applicationId;
  if (shardIds !== undefined) config.shardIds = shardIds;
  if (shardCount !== undefined) config.shardCount = shardCount;
  if (problems.length > 0) throw new ConfigError('gateway', problems);
  return config;
}

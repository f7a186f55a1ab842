import 'reflect-metadata';
import { gatewayConfig } from './config';

const env = (over: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  DISCORD_TOKEN: 'sim-bot-token',
  ...over,
});

describe('gateway configuration', () => {
  it('works with only a token, pointing at Discord with Discord’s deadlines', () => {
    const c = gatewayConfig(env());
    expect(c).toMatchObject({
      discordApiUrl: 'https://discord.com/api',
      interactions: { deferMs: 2000, giveUpMs: 10_000, deferEphemeral: true },
    });
    expect(c.base.port).toBe(3100);
    expect(c.shardIds).toBeUndefined();
    expect(c.actions.messagesPerSecond).toBe(40);
  });

  it('keeps announcements below Discord’s global budget unless told otherwise, and only at a positive rate', () => {
    expect(gatewayConfig(env({ MESSAGE_ACTIONS_PER_SECOND: '200' })).actions.messagesPerSecond).toBe(200);
    expect(() => gatewayConfig(env({ MESSAGE_ACTIONS_PER_SECOND: '0' }))).toThrow(
      /MESSAGE_ACTIONS_PER_SECOND "0" must be an integer from 1/,
    );
  });

  it('runs the listed shards of the bot', () => {
    expect(gatewayConfig(env({ SHARD_IDS: '2, 0', SHARD_COUNT: '4' }))).toMatchObject({
      shardIds: [0, 2],
      shardCount: 4,
    });
  });

  it("runs the shard of its StatefulSet ordinal, from the pod's name", () => {
    const fromPod = (over: Record<string, string>) =>
      gatewayConfig(env({ SHARD_IDS_FROM_HOSTNAME: 'true', SHARD_COUNT: '3', ...over }));
    expect(fromPod({ POD_NAME: 'gateway-2', HOSTNAME: 'other-0' }).shardIds).toEqual([2]);
    expect(fromPod({ HOSTNAME: 'guildhall-gateway-1' }).shardIds).toEqual([1]);
    expect(() => fromPod({ POD_NAME: 'gateway-3' })).toThrow(/SHARD_IDS "3" must all be below SHARD_COUNT 3/);
    expect(() => fromPod({ POD_NAME: 'gateway' })).toThrow(/"gateway" does not end in -<ordinal>/);
    expect(() => fromPod({ POD_NAME: 'gateway-0', SHARD_IDS: '1' })).toThrow(/exclude each other/);
  });

  it('names every problem at once', () => {
    expect(() =>
      gatewayConfig({
        NODE_ENV: 'test',
        SHARD_IDS: '5',
        SHARD_COUNT: '2',
        INTERACTION_DEFER_MS: '2900',
        DISCORD_API_URL: 'http://x/api/v10',
      }),
    ).toThrow(
      /DISCORD_TOKEN is required.*DISCORD_API_URL must not end in \/v10.*SHARD_IDS "5" must all be below SHARD_COUNT 2.*INTERACTION_DEFER_MS "2900"/,
    );
  });
});

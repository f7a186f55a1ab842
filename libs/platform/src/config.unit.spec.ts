import { baseConfig, ConfigError, TEST_AUTH_SECRET } from './config';

const SECRET = 'x'.repeat(32);

describe('baseConfig', () => {
  it('gives every variable a working local default except the secret', () => {
    expect(baseConfig('xp', 3101, { AUTH_SECRET: SECRET })).toEqual({
      service: 'xp',
      port: 3101,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      schema: 'xp',
      natsUrl: 'nats://127.0.0.1:4222',
      eventNamespace: '',
      eventPartitions: 1,
      authSecret: SECRET,
      health: { maxConsumerLagSeconds: 60, maxOutboxAgeSeconds: 30 },
      streams: { replicas: 1, maxAgeMs: 7 * 86_400_000, maxBytes: -1, repartition: false },
    });
  });

  it('takes the stream settings from the environment and names a bad one', () => {
    expect(
      baseConfig('xp', 3101, { AUTH_SECRET: SECRET, STREAM_REPLICAS: '3', DISCORD_MAX_AGE_DAYS: '14' })
        .streams,
    ).toEqual({ replicas: 3, maxAgeMs: 14 * 86_400_000, maxBytes: -1, repartition: false });
    expect(() => baseConfig('xp', 3101, { AUTH_SECRET: SECRET, STREAM_REPLICAS: '2' })).toThrow(
      'STREAM_REPLICAS "2" must be 1, 3 or 5',
    );
  });

  it('takes the health thresholds from the environment and names a bad one', () => {
    expect(
      baseConfig('xp', 3101, { AUTH_SECRET: SECRET, HEALTH_MAX_CONSUMER_LAG_SECONDS: '5' }).health,
    ).toEqual({ maxConsumerLagSeconds: 5, maxOutboxAgeSeconds: 30 });
    expect(() =>
      baseConfig('xp', 3101, { AUTH_SECRET: SECRET, HEALTH_MAX_OUTBOX_AGE_SECONDS: 'soon' }),
    ).toThrow('HEALTH_MAX_OUTBOX_AGE_SECONDS "soon" must be a whole number of seconds, at least 1');
  });

  it('reads every variable from the environment', () => {
    const config = baseConfig('xp', 3101, {
      AUTH_SECRET: SECRET,
      PORT: '0',
      DATABASE_URL: 'postgresql://u@db:5432/guildhall',
      DB_SCHEMA: 'xp_test_1',
      NATS_URL: 'nats://nats:4222',
      EVENT_NAMESPACE: 't123',
      EVENT_PARTITIONS: '16',
      EVENT_PARTITIONS_CHANGE: 'yes',
    });
    expect(config.streams.repartition).toBe(true);
    expect(config).toMatchObject({
      eventPartitions: 16,
      port: 0,
      databaseUrl: 'postgresql://u@db:5432/guildhall',
      schema: 'xp_test_1',
      natsUrl: 'nats://nats:4222',
      eventNamespace: 't123',
    });
  });

  it('names a partition count the log cannot have', () => {
    expect(() => baseConfig('xp', 3101, { AUTH_SECRET: SECRET, EVENT_PARTITIONS: '0' })).toThrow(
      'EVENT_PARTITIONS "0" must be a whole number from 1 to 1024',
    );
  });

  it('derives a valid default schema from a kebab-case service name', () => {
    expect(baseConfig('discord-sim', 3900, { AUTH_SECRET: SECRET }).schema).toBe('discord_sim');
  });

  it('refuses to start without AUTH_SECRET outside tests, naming the variable', () => {
    expect(() => baseConfig('xp', 3101, { NODE_ENV: 'production' })).toThrow(/AUTH_SECRET is required/);
    expect(() => baseConfig('xp', 3101, {})).toThrow(ConfigError);
  });

  it('uses the fixed test secret under NODE_ENV=test unless one is given', () => {
    expect(baseConfig('xp', 3101, { NODE_ENV: 'test' }).authSecret).toBe(TEST_AUTH_SECRET);
    expect(baseConfig('xp', 3101, { NODE_ENV: 'test', AUTH_SECRET: SECRET }).authSecret).toBe(SECRET);
  });

  it('rejects a short AUTH_SECRET', () => {
    expect(() => baseConfig('xp', 3101, { AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be at least 32/);
  });

  it.each(['Xp', 'xp-test', '1xp', 'xp;drop', 'a'.repeat(64)])('rejects DB_SCHEMA %s', (schema) => {
    expect(() => baseConfig('xp', 3101, { AUTH_SECRET: SECRET, DB_SCHEMA: schema })).toThrow(/DB_SCHEMA/);
  });

  it.each(['-1', '65536', '3.5', 'http', '1e3'])('rejects PORT %s', (port) => {
    expect(() => baseConfig('xp', 3101, { AUTH_SECRET: SECRET, PORT: port })).toThrow(
      /PORT "[^"]*" must be an integer/,
    );
  });

  it('rejects an EVENT_NAMESPACE that cannot prefix subjects', () => {
    expect(() => baseConfig('xp', 3101, { AUTH_SECRET: SECRET, EVENT_NAMESPACE: 'a.b' })).toThrow(
      /EVENT_NAMESPACE/,
    );
  });

  it('reports every problem at once', () => {
    try {
      baseConfig('xp', 3101, { PORT: 'x', DB_SCHEMA: 'X' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toHaveLength(3);
      expect((e as Error).message).toMatch(/^invalid configuration for xp: /);
    }
  });
});

import { MAX_PARTITIONS } from '@guildhall/contracts';

/** Settings every service shares, parsed once from the environment (see CONVENTIONS.md). */
export interface BaseConfig {
  service: string;
  port: number;
  databaseUrl: string;
  schema: string;
  natsUrl: string;
  eventNamespace: string;
  /**
   * Partitions of the log by guild (EVENT_PARTITIONS, default 1: one replica of each consumer
   * applies, others stand by). Every process of a deployment must say the same; changing it on
   * a live log needs EVENT_PARTITIONS_CHANGE=yes after draining (docs/partitions.md).
   */
  eventPartitions: number;
  authSecret: string;
  /** Past these /health says degraded, with the reason (HEALTH_MAX_CONSUMER_LAG_SECONDS, HEALTH_MAX_OUTBOX_AGE_SECONDS). */
  health: { maxConsumerLagSeconds: number; maxOutboxAgeSeconds: number };
  /**
   * Used when the streams are created, never to change existing ones (STREAM_REPLICAS,
   * DISCORD_MAX_AGE_DAYS, DISCORD_MAX_BYTES); a difference is logged at start-up.
   */
  streams: { replicas: number; maxAgeMs: number; maxBytes: number; repartition: boolean };
}

/** Postgres identifiers are at most 63 bytes; lower-case only so SQL never needs quoting. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Topology prefixes stream names and subjects with it, so it must be a valid token in both. */
const NAMESPACE = /^[A-Za-z0-9_-]{0,64}$/;
/** Tests sign and verify with this; it is never accepted outside NODE_ENV=test. */
export const TEST_AUTH_SECRET = 'guildhall-test-secret-not-for-production';
/** HS256 wants at least as many key bytes as the hash output to be worth anything. */
const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration for ${service}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the shared variables with working local defaults; only AUTH_SECRET has none outside
 * tests. All problems are reported at once so an operator fixes them in one go.
 */
export function baseConfig(
  service: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): BaseConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const schema = read('DB_SCHEMA') ?? service.replace(/-/g, '_');
  if (!SCHEMA_NAME.test(schema))
    problems.push(`DB_SCHEMA "${schema}" must match ${SCHEMA_NAME} (lower-case letters, digits, underscore)`);

  const portText = read('PORT');
  const port = portText === undefined ? defaultPort : Number(portText);
  if (
    !Number.isInteger(port) ||
    port < 0 ||
    port > 65535 ||
    (portText !== undefined && !/^\d+$/.test(portText))
  )
    problems.push(`PORT "${portText ?? defaultPort}" must be an integer from 0 to 65535`);

  const databaseUrl = read('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');

  const natsUrl = read('NATS_URL') ?? 'nats://127.0.0.1:4222';

  const eventNamespace = read('EVENT_NAMESPACE') ?? '';
  if (!NAMESPACE.test(eventNamespace))
    problems.push(
      `EVENT_NAMESPACE "${eventNamespace}" may only hold letters, digits, "_" and "-" (at most 64)`,
    );

  const authSecret = read('AUTH_SECRET') ?? (env.NODE_ENV === 'test' ? TEST_AUTH_SECRET : undefined);
  if (authSecret === undefined)
    problems.push(
      'AUTH_SECRET is required (a random string of at least 32 characters; `npm start` generates one)',
    );
  else if (authSecret.length < MIN_SECRET_LENGTH)
    problems.push(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);

  const seconds = (name: string, fallback: number): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1)
      problems.push(`${name} "${text}" must be a whole number of seconds, at least 1`);
    return Number(text);
  };
  const health = {
    maxConsumerLagSeconds: seconds('HEALTH_MAX_CONSUMER_LAG_SECONDS', 60),
    maxOutboxAgeSeconds: seconds('HEALTH_MAX_OUTBOX_AGE_SECONDS', 30),
  };

  const whole = (name: string, fallback: number, ok: (n: number) => boolean, rule: string): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^-?\d+$/.test(text) || !ok(n)) problems.push(`${name} "${text}" must be ${rule}`);
    return n;
  };
  const streams = {
    replicas: whole('STREAM_REPLICAS', 1, (n) => [1, 3, 5].includes(n), '1, 3 or 5'),
    maxAgeMs:
      whole('DISCORD_MAX_AGE_DAYS', 7, (n) => n >= 1, 'a whole number of days, at least 1') * 86_400_000,
    maxBytes: whole(
      'DISCORD_MAX_BYTES',
      -1,
      (n) => n === -1 || n >= 1_000_000,
      '-1 (no limit) or at least 1000000',
    ),
    repartition: read('EVENT_PARTITIONS_CHANGE') === 'yes',
  };
  const eventPartitions = whole(
    'EVENT_PARTITIONS',
    1,
    (n) => n >= 1 && n <= MAX_PARTITIONS,
    `a whole number from 1 to ${MAX_PARTITIONS}`,
  );

  if (problems.length > 0) throw new ConfigError(service, problems);
  return {
    service,
    port,
    databaseUrl,
    schema,
    natsUrl,
    eventNamespace,
    eventPartitions,
    authSecret: authSecret as string,
    health,
    streams,
  };
}

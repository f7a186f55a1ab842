import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { envelope, type Envelope, type RoleInfo, type StreamName } from '@guildhall/contracts';
import { connectNats, deleteStreams, ensureStreams, Publisher, Topology } from '@guildhall/eventing';
import { signServiceToken, TEST_AUTH_SECRET, type Role } from '@guildhall/platform';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

let seq = 0n;
/** A distinct snowflake per call, so envelope ids never collide across tests. */
export function snowflake(): string {
  seq += 1n;
  return String(1_400_000_000_000_000_000n + BigInt(process.pid) * 1_000_000_000n + seq);
}

/**
 * Strictly increasing event times near the wall clock: the service orders observations by them,
 * and web requests carry the time they were made.
 */
let clock = 0;
export const tick = (): string => new Date((clock = Math.max(clock + 1, Date.now()))).toISOString();

export const role = (id: string, name: string, position: number, over: Partial<RoleInfo> = {}): RoleInfo => ({
  id,
  name,
  position,
  permissions: '0',
  managed: false,
  color: 0,
  ...over,
});

export interface ActionRow {
  subject: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** A private schema and event namespace per test file; `cleanup` removes both. */
export class RolesTestEnv {
  readonly id = randomBytes(4).toString('hex');
  readonly schema = `roles_t${this.id}`;
  readonly namespace = `rolest${this.id}`;
  readonly topology = new Topology(this.namespace);
  nc!: NatsConnection;
  publisher!: Publisher;
  db!: Client;

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL,
      NATS_URL,
      DB_SCHEMA: this.schema,
      EVENT_NAMESPACE: this.namespace,
      PORT: '0',
      ROLES_RETRY_BASE_MS: '100',
      ROLES_SWEEP_MS: '50',
      ROLES_MAX_ATTEMPTS: '3',
      ...extra,
    };
  }

  async setup(): Promise<void> {
    this.nc = await connectNats(NATS_URL, `roles-test-${this.id}`);
    await ensureStreams(this.nc, this.topology);
    this.publisher = new Publisher(this.nc, this.topology);
    this.db = new Client({ connectionString: DATABASE_URL });
    await this.db.connect();
  }

  async cleanup(): Promise<void> {
    await this.db?.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`).catch(() => undefined);
    await this.db?.end().catch(() => undefined);
    if (this.nc) {
      await deleteStreams(this.nc, this.topology).catch(() => undefined);
      await this.nc.close();
    }
  }

  token(guildId: string, role: Role, sub: string): string {
    return signServiceToken(TEST_AUTH_SECRET, { sub, guildId, role });
  }

  /** Publishes an envelope as the gateway / xp / onboarding would: `subject` unprefixed. */
  async publish<T>(
    subject: string,
    type: string,
    guildId: string,
    data: T,
    id = snowflake(),
    occurredAt = tick(),
  ): Promise<Envelope<T>> {
    const env = envelope({ id, type, guildId, occurredAt, source: 'test', data });
    await this.publisher.publish(subject, env);
    return env;
  }

  /** How many envelopes a consumer has applied (its inbox). */
  async applied(consumer: string): Promise<number> {
    const { rows } = await this.db
      .query(`SELECT count(*)::int AS n FROM "${this.schema}".inbox WHERE consumer = $1`, [consumer])
      .catch(() => ({ rows: [{ n: 0 }] }));
    return rows[0].n;
  }

  /** Everything the service wrote to its outbox under `actions.` (sent or not), oldest first. */
  async actions(kind?: string): Promise<ActionRow[]> {
    const { rows } = await this.db.query(
      `SELECT subject, payload FROM "${this.schema}".outbox WHERE subject LIKE 'actions.%' ORDER BY id`,
    );
    return rows
      .map((r) => ({
        subject: r.subject as string,
        id: r.payload.id,
        type: r.payload.type,
        data: r.payload.data,
      }))
      .filter((a) => kind === undefined || a.type === kind);
  }

  async roleActions(userId: string): Promise<ActionRow[]> {
    return (await this.actions()).filter(
      (a) => (a.type === 'role.add' || a.type === 'role.remove') && a.data.userId === userId,
    );
  }

  async domainEvents(type: string): Promise<Envelope[]> {
    const { rows } = await this.db.query(
      `SELECT payload FROM "${this.schema}".outbox WHERE payload->>'type' = $1 ORDER BY id`,
      [type],
    );
    return rows.map((r) => r.payload);
  }

  /** Every message on a stream of this namespace, oldest first. */
  async readStream(name: StreamName): Promise<Array<{ subject: string; data: Envelope }>> {
    const stream = this.topology.stream(name);
    const jsm = await jetstreamManager(this.nc);
    const { state } = await jsm.streams.info(stream);
    const out: Array<{ subject: string; data: Envelope }> = [];
    if (state.messages === 0) return out;
    for (let s = state.first_seq; s <= state.last_seq; s++) {
      const m = await jsm.streams.getMessage(stream, { seq: s }).catch(() => null);
      if (m) out.push({ subject: this.topology.strip(m.subject), data: m.json<Envelope>() });
    }
    return out;
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
export type Json = any;

export async function http(
  method: string,
  url: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

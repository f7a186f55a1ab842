import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { discordSubject, envelope, Envelope, MessageCreated, StreamName } from '@guildhall/contracts';
import { connectNats, deleteStreams, ensureStreams, Publisher, Topology } from '@guildhall/eventing';
import { signServiceToken, TEST_AUTH_SECRET, type Role } from '@guildhall/platform';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** A private schema and event namespace per test file; `cleanup` removes both. */
export class XpTestEnv {
  readonly id = randomBytes(4).toString('hex');
  readonly schema = `xp_t${this.id}`;
  readonly namespace = `xpt${this.id}`;
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
      ...extra,
    };
  }

  async setup(): Promise<void> {
    this.nc = await connectNats(NATS_URL, `xp-test-${this.id}`);
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

  token(guildId: string, role: Role, sub = '555000000000000001'): string {
    return signServiceToken(TEST_AUTH_SECRET, { sub, guildId, role });
  }

  publishMessages(envelopes: Envelope[]): Promise<void> {
    return this.publisher.publishMany(envelopes.map((e) => ({ subject: discordSubject(e.guildId, e.type), envelope: e })));
  }

  async member(guildId: string, userId: string) {
    const { rows } = await this.db.query(
      `SELECT xp::int, level, messages, last_award_at FROM "${this.schema}".member_xp WHERE guild_id = $1 AND user_id = $2`,
      [guildId, userId],
    );
    return rows[0] as { xp: number; level: number; messages: number; last_award_at: Date | null } | undefined;
  }

  /** How many envelopes a consumer has applied (its inbox). */
  async applied(consumer: string): Promise<number> {
    const { rows } = await this.db
      .query(`SELECT count(*)::int AS n FROM "${this.schema}".inbox WHERE consumer = $1`, [consumer])
      .catch(() => ({ rows: [{ n: 0 }] }));
    return rows[0].n;
  }

  /** Every message on a stream of this namespace, oldest first (the ACTIONS work queue included: we only read). */
  async readStream(name: StreamName): Promise<Array<{ subject: string; data: Envelope }>> {
    const stream = this.topology.stream(name);
    const jsm = await jetstreamManager(this.nc);
    const { state } = await jsm.streams.info(stream);
    if (state.messages === 0) return [];
    const out: Array<{ subject: string; data: Envelope }> = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (m) out.push({ subject: this.topology.strip(m.subject), data: m.json<Envelope>() });
    }
    return out;
  }

  async purgeStream(name: StreamName): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.purge(this.topology.stream(name));
  }

  jetstream() {
    return jetstream(this.nc);
  }
}

let messageSeq = 0n;
/** A distinct snowflake per call, so tests never collide on message (= envelope) ids. */
export function nextSnowflake(): string {
  messageSeq += 1n;
  return String(1_300_000_000_000_000_000n + BigInt(process.pid) * 1_000_000_000n + messageSeq);
}

export interface MessageSpec {
  guildId: string;
  userId: string;
  at: number;
  channelId?: string;
  parentChannelId?: string;
  roleIds?: string[];
  bot?: boolean;
  messageId?: string;
}

export function messageCreated(spec: MessageSpec): Envelope<MessageCreated> {
  const messageId = spec.messageId ?? nextSnowflake();
  const data: MessageCreated = {
    messageId,
    channelId: spec.channelId ?? '200000000000000001',
    userId: spec.userId,
    roleIds: spec.roleIds ?? [],
    bot: spec.bot ?? false,
  };
  if (spec.parentChannelId) data.parentChannelId = spec.parentChannelId;
  return envelope({ id: messageId, type: 'message.created', guildId: spec.guildId, occurredAt: new Date(spec.at), source: 'gateway', data });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
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

export async function getJson(url: string, token?: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json().catch(() => null) };
}

export async function putJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

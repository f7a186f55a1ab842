import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Envelope, StreamName } from '@guildhall/contracts';
import { connectNats, deleteStreams, ensureStreams, Publisher, Topology } from '@guildhall/eventing';
import { signServiceToken, TEST_AUTH_SECRET, type Role } from '@guildhall/platform';
import { guildSyncedEvent, guildSyncedSubject, type DirectorySpec } from './directory-sync';
import { waitFor } from './wait-for';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export interface StreamMessage {
  subject: string;
  envelope: Envelope;
}

/**
 * The real Postgres and NATS a service's tests run against, private to one test file: its own
 * schema and event namespace, both removed by `cleanup`, so files can run side by side.
 */
export class ServiceTestEnv {
  readonly id = randomBytes(4).toString('hex');
  readonly schema: string;
  readonly namespace: string;
  readonly topology: Topology;
  nc!: NatsConnection;
  publisher!: Publisher;
  db!: Client;

  /** `serviceName` names the schema (`<serviceName>_t<id>`); `settings` are the service's own test defaults. */
  constructor(
    private readonly serviceName: string,
    private readonly settings: Record<string, string> = {},
    namespacePrefix = serviceName,
  ) {
    this.schema = `${serviceName}_t${this.id}`;
    this.namespace = `${namespacePrefix}t${this.id}`;
    this.topology = new Topology(this.namespace);
  }

  /** The environment a service process (or in-process app) of this test file starts with. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL,
      NATS_URL,
      DB_SCHEMA: this.schema,
      EVENT_NAMESPACE: this.namespace,
      PORT: '0',
      ...this.settings,
      ...extra,
    };
  }

  async setup(): Promise<void> {
    this.nc = await connectNats(NATS_URL, `${this.serviceName}-test-${this.id}`);
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
    return signServiceToken(TEST_AUTH_SECRET, { sub, guildId, role, aud: this.serviceName });
  }

  /**
   * Tells the service (through DISCORD, as the gateway would) which roles and channels the guild has,
   * and waits until its directory shows that sync.
   */
  async syncDirectory(guildId: string, spec: DirectorySpec = {}): Promise<void> {
    const event = guildSyncedEvent(guildId, spec);
    await this.publisher.publish(guildSyncedSubject(guildId), event);
    await waitFor(`the directory of guild ${guildId}`, async () => {
      const { rows } = await this.db
        .query(`SELECT 1 FROM "${this.schema}".directory_guilds WHERE guild_id = $1 AND synced_at >= $2`, [
          guildId,
          event.occurredAt,
        ])
        .catch(() => ({ rows: [] }));
      return rows.length > 0;
    });
  }

  /** How many envelopes a consumer has applied (its inbox); 0 before the service created it. */
  async applied(consumer: string): Promise<number> {
    const { rows } = await this.db
      .query(`SELECT count(*)::int AS n FROM "${this.schema}".inbox WHERE consumer = $1`, [consumer])
      .catch(() => ({ rows: [{ n: 0 }] }));
    return rows[0].n;
  }

  /** Every message on a stream of this namespace, oldest first (the ACTIONS work queue included: we only read). */
  async readStream(name: StreamName): Promise<StreamMessage[]> {
    const stream = this.topology.stream(name);
    const jsm = await jetstreamManager(this.nc);
    const { state } = await jsm.streams.info(stream);
    const out: StreamMessage[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (m) out.push({ subject: this.topology.strip(m.subject), envelope: m.json<Envelope>() });
    }
    return out;
  }
}

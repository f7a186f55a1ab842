import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { actionSubject, envelope, type Envelope } from '@guildhall/contracts';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { connectNats, deleteStreams, Publisher, Topology } from '@guildhall/eventing';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { Client as PgClient } from 'pg';
import { nonceFor } from '../src/actions/action-executor';
import { startGatewayService, type GatewayService } from '../src/app';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const suffix = randomBytes(4).toString('hex');
const namespace = `gwonce${suffix}`;
const schema = `gateway_once_${suffix}`;
const topology = new Topology(namespace);
jest.setTimeout(60_000);

let sim: DiscordSimulator;
let gateway: GatewayService;
let nc: NatsConnection;
let sub: Subscription;
let publisher: Publisher;
let db: PgClient;
let guild: GuildView;
let channelId: string;
const results = new Map<string, Envelope>();

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let seq = 0;
const action = (kind: string, data: Record<string, unknown>, occurredAt = new Date()): Envelope =>
  envelope({
    id: `once-${suffix}-${++seq}`,
    type: kind,
    guildId: guild.id,
    occurredAt,
    source: 'e2e',
    data,
  });

async function publish(actions: Envelope[]): Promise<void> {
  await publisher.publishMany(
    actions.map((a) => ({ subject: actionSubject(guild.id, a.type), envelope: a })),
  );
}

const resultsOf = (actions: Envelope[]) =>
  waitFor(`results of ${actions.length} actions`, () => {
    const found = actions.map((a) => results.get(a.id));
    return found.every((r) => r !== undefined) ? (found as Envelope[]) : undefined;
  });

/** Fails the gateway's next outbox write (the results of a batch, after its Discord calls): an error before COMMIT. */
async function failNextOutboxWrite(): Promise<void> {
  const s = `"${schema}"`;
  await db.query(`CREATE SEQUENCE IF NOT EXISTS ${s}.fault_seq`);
  await db.query(`ALTER SEQUENCE ${s}.fault_seq RESTART`);
  await db.query(`CREATE OR REPLACE FUNCTION ${s}.fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('${schema}.fault_seq') = 1 THEN RAISE EXCEPTION 'injected failure before commit'; END IF;
      RETURN NULL;
    END $$`);
  await db.query(`DROP TRIGGER IF EXISTS fail_once ON ${s}.outbox`);
  await db.query(
    `CREATE TRIGGER fail_once BEFORE INSERT ON ${s}.outbox FOR EACH STATEMENT EXECUTE FUNCTION ${s}.fail_once()`,
  );
}

beforeAll(async () => {
  sim = new DiscordSimulator({ port: 0 });
  await sim.start();
  guild = sim.createGuild({ name: 'Once', channels: ['general'] });
  channelId = guild.channels[0].id;
  nc = await connectNats(NATS_URL, 'gateway-once-e2e');
  sub = nc.subscribe(`${namespace}.gateway.>`, {
    callback: (_err, m) => {
      const e = m.json<Envelope>();
      const id = (e.data as { actionId?: string }).actionId;
      if (id) results.set(id, e);
    },
  });
  gateway = await startGatewayService({
    NODE_ENV: 'test',
    DATABASE_URL,
    NATS_URL,
    DB_SCHEMA: schema,
    EVENT_NAMESPACE: namespace,
    PORT: '0',
    DISCORD_TOKEN: sim.botToken,
    DISCORD_API_URL: sim.apiUrl,
  });
  publisher = new Publisher(nc, topology);
  db = new PgClient({ connectionString: DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await gateway?.stop();
  sub?.unsubscribe();
  if (nc) {
    await deleteStreams(nc, topology);
    await nc.close();
  }
  await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db?.end();
  await sim?.stop();
});

describe('gateway: each action reaches Discord once, whatever fails around it', () => {
  it('a batch whose transaction fails after its calls is retried without sending anything again', async () => {
    sim.clearCalls();
    await failNextOutboxWrite();
    const sends = Array.from({ length: 10 }, (_, i) =>
      action('message.send', { channelId, content: `notice ${i}` }),
    );
    await publish(sends);
    const done = await resultsOf(sends);
    expect(done.every((r) => r.type === 'action.done')).toBe(true);
    expect(sim.calls({ method: 'POST', path: `/channels/${channelId}/messages` })).toHaveLength(10);
    const texts = sim.channelMessages(guild.id, channelId).map((m) => m.content);
    for (let i = 0; i < 10; i++) expect(texts.filter((t) => t === `notice ${i}`)).toHaveLength(1);
    const { rows } = await db.query(`SELECT nextval('"${schema}".fault_seq') AS n`);
    expect(Number(rows[0].n)).toBeGreaterThan(2); // the fault fired and the retry wrote the results
  });

  it('a send that reached Discord before the process died is answered by Discord with the same message (nonce)', async () => {
    const send = action('message.send', { channelId, content: 'welcome' });
    // The dead process's request: it went out with the action's nonce, its outcome never recorded.
    const first = await fetch(`${sim.apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${sim.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'welcome', nonce: nonceFor(send.id), enforce_nonce: true }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    await db.query(
      `INSERT INTO "${schema}".action_log (action_id, guild_id, kind, state) VALUES ($1, $2, 'message.send', 'calling')`,
      [send.id, guild.id],
    );
    await publish([send]);
    const [result] = await resultsOf([send]);
    expect(result).toMatchObject({ type: 'action.done', data: { resultId: first.id } });
    expect(sim.channelMessages(guild.id, channelId).filter((m) => m.content === 'welcome')).toHaveLength(1);
  });

  it('a role creation in doubt finds the role it made instead of making another', async () => {
    const create = action('role.create', { name: 'Level 9' });
    const made = sim.createRole(guild.id, { name: 'Level 9' });
    await db.query(
      `INSERT INTO "${schema}".action_log (action_id, guild_id, kind, state) VALUES ($1, $2, 'role.create', 'calling')`,
      [create.id, guild.id],
    );
    sim.clearCalls();
    await publish([create]);
    const [result] = await resultsOf([create]);
    expect(result).toMatchObject({ type: 'action.done', data: { resultId: made.id } });
    expect(sim.calls({ method: 'POST', path: `/guilds/${guild.id}/roles` })).toHaveLength(0);
    expect(sim.getGuild(guild.id, false).roles.filter((r) => r.name === 'Level 9')).toHaveLength(1);
  });

  it("an interaction answer past its token's life is not sent; its result says it expired", async () => {
    sim.clearCalls();
    const late = action(
      'interaction.reply',
      {
        interactionId: '1300000000000000001',
        token: 'gone',
        applicationId: sim.applicationId,
        content: 'your rank',
      },
      new Date(Date.now() - 20 * 60_000),
    );
    await publish([late]);
    const [result] = await resultsOf([late]);
    expect(result).toMatchObject({
      type: 'action.failed',
      data: {
        retryable: false,
        error: 'expired: issued 20 min ago, interaction.reply is only done within 15 min',
      },
    });
    expect(sim.calls({ path: '/interactions/' })).toHaveLength(0);
  });

  it('a message caused by an event long past is still sent (a backfill, an outage): only answers expire', async () => {
    const old = action(
      'message.send',
      { channelId, content: 'you reached level 3' },
      new Date(Date.now() - 2 * 3600_000),
    );
    await publish([old]);
    const [result] = await resultsOf([old]);
    expect(result).toMatchObject({ type: 'action.done' });
  });
});

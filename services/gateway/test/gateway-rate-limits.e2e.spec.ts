import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { actionSubject, envelope, type Envelope } from '@guildhall/contracts';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { connectNats, deleteStreams, Publisher, Topology } from '@guildhall/eventing';
import { DATABASE_URL, NATS_URL, waitFor } from '@guildhall/testing';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { Client as PgClient } from 'pg';
import { startGatewayService, type GatewayService } from '../src/app';

jest.setTimeout(90_000);

/**
 * Discord's rate limits are per route: a 429 on one guild's channel says nothing about another
 * guild's. A lane of actions must not wait on one guild's limit: the limited guild's actions
 * wait aside, in their order, and every other guild's go on at once.
 */
const suffix = randomBytes(4).toString('hex');
const namespace = `gwrate${suffix}`;
const schema = `gateway_rate_${suffix}`;
const topology = new Topology(namespace);
const RETRY_AFTER_S = 6;

let sim: DiscordSimulator;
let gateway: GatewayService;
let nc: NatsConnection;
let sub: Subscription;
let publisher: Publisher;
let db: PgClient;
let limited: GuildView;
let other: GuildView;
/** Result events by action id, with the order they arrived in. */
const results = new Map<string, { event: Envelope; n: number }>();

let seq = 0;
const send = (guild: GuildView, content: string): Envelope =>
  envelope({
    id: `rate-${suffix}-${++seq}`,
    type: 'message.send',
    guildId: guild.id,
    occurredAt: new Date(),
    source: 'e2e',
    data: { channelId: guild.channels[0].id, content },
  });

const publish = (actions: Envelope[]) =>
  publisher.publishMany(actions.map((a) => ({ subject: actionSubject(a.guildId, a.type), envelope: a })));

const resultsOf = (actions: Envelope[], timeoutMs = 20_000) =>
  waitFor(
    `results of ${actions.length} actions`,
    async () => {
      const found = actions.map((a) => results.get(a.id));
      return found.every((r) => r !== undefined) ? found.map((r) => r!) : undefined;
    },
    timeoutMs,
  );

const texts = (guild: GuildView) => sim.channelMessages(guild.id, guild.channels[0].id).map((m) => m.content);

beforeAll(async () => {
  sim = new DiscordSimulator({ port: 0 });
  await sim.start();
  limited = sim.createGuild({ name: 'Limited', channels: ['general'] });
  other = sim.createGuild({ name: 'Other', channels: ['general'] });
  nc = await connectNats(NATS_URL, 'gateway-rate-e2e');
  let n = 0;
  sub = nc.subscribe(`${namespace}.gateway.>`, {
    callback: (_err, m) => {
      const e = m.json<Envelope<{ actionId?: string }>>();
      if (e.data.actionId) results.set(e.data.actionId, { event: e, n: ++n });
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

describe("gateway: one guild's rate limit holds only that guild's actions", () => {
  it('other guilds of the lane go on at once; the limited guild gets its actions later, once each, in order', async () => {
    sim.injectFault({
      method: 'POST',
      path: `/channels/${limited.channels[0].id}/messages`,
      status: 429,
      retryAfter: RETRY_AFTER_S,
    });
    const first = send(limited, 'limited 1');
    const meanwhile = Array.from({ length: 5 }, (_, i) => send(other, `other ${i}`));
    const second = send(limited, 'limited 2');
    await publish([first, ...meanwhile, second]);
    // The other guild's sends are answered while the limited guild still waits out its 429.
    const otherDone = await resultsOf(meanwhile);
    expect(otherDone.every((r) => r.event.type === 'action.done')).toBe(true);
    expect(results.has(first.id)).toBe(false);

    // A later batch of the lane is not held either.
    const later = send(other, 'other later');
    await publish([later]);
    await resultsOf([later]);
    expect(results.has(first.id)).toBe(false);
    expect(texts(other)).toEqual(['other 0', 'other 1', 'other 2', 'other 3', 'other 4', 'other later']);

    // Once the limit has passed, the limited guild's actions run, in the order they were asked for.
    const limitedDone = await resultsOf([first, second], 30_000);
    expect(limitedDone.map((r) => r.event.type)).toEqual(['action.done', 'action.done']);
    expect(limitedDone[0].n).toBeLessThan(limitedDone[1].n);
    expect(texts(limited)).toEqual(['limited 1', 'limited 2']);
    const posts = sim.calls({ method: 'POST', path: `/channels/${limited.channels[0].id}/messages` });
    expect(posts.map((c) => c.status)).toEqual([429, 200, 200]);
  });

  it('a new action of the waiting guild queues behind the ones set aside instead of overtaking them', async () => {
    sim.injectFault({
      method: 'POST',
      path: `/channels/${limited.channels[0].id}/messages`,
      status: 429,
      retryAfter: RETRY_AFTER_S,
    });
    const before = texts(limited).length;
    const a = send(limited, 'queued a');
    await publish([a]);
    await waitFor('the 429', async () =>
      sim.calls({ method: 'POST', path: `/channels/${limited.channels[0].id}/messages` }).at(-1)?.status ===
      429
        ? true
        : undefined,
    );
    const b = send(limited, 'queued b');
    const c = send(limited, 'queued c');
    await publish([b]);
    await publish([c]);
    await resultsOf([a, b, c], 30_000);
    expect(texts(limited).slice(before)).toEqual(['queued a', 'queued b', 'queued c']);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${schema}".parked_actions`);
    expect(rows[0].n).toBe(0);
  });
});

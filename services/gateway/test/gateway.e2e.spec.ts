import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { actionSubject, envelope, type Envelope, type InteractionCommand } from '@guildhall/contracts';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { connectNats, deleteStreams, Publisher, readDeadLetters, Topology } from '@guildhall/eventing';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { Client as PgClient } from 'pg';
import { startGatewayService, type GatewayService } from '../src/app';
import { CATCHING_UP_MESSAGE } from '../src/interactions/deadline';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const suffix = randomBytes(4).toString('hex');
const namespace = `gwe2e${suffix}`;
const schema = `gateway_e2e_${suffix}`;
const topology = new Topology(namespace);
const GIVE_UP_MS = 5000;
// testTimeout in a jest project entry is not applied; interactions here wait out real deadlines.
jest.setTimeout(60_000);

let sim: DiscordSimulator;
let gateway: GatewayService;
let nc: NatsConnection;
let sub: Subscription;
let publisher: Publisher;
let guild: GuildView;
let channelId: string;
let ada: string;
/** Everything published under the test's namespace, by unprefixed subject, in arrival order. */
const seen: Array<{ subject: string; envelope: Envelope }> = [];

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const event = (subject: string, match: (e: Envelope) => boolean = () => true, timeoutMs?: number) =>
  waitFor(subject, () => seen.find((s) => s.subject === subject && match(s.envelope))?.envelope, timeoutMs);

const resultOf = (actionId: string) =>
  waitFor(
    `result of ${actionId}`,
    () =>
      seen.find(
        (s) =>
          s.subject.startsWith(`gateway.${guild.id}.action.`) &&
          (s.envelope.data as { actionId?: string }).actionId === actionId,
      )?.envelope,
  );

let actionSeq = 0;
async function act(kind: string, data: Record<string, unknown>): Promise<string> {
  const id = `e2e-${suffix}-${++actionSeq}`;
  await publisher.publish(
    actionSubject(guild.id, kind),
    envelope({ id, type: kind, guildId: guild.id, occurredAt: new Date(), source: 'e2e', data }),
  );
  return id;
}

/** Plays an owner service: answers the next interaction for `command` with `answer`. */
async function answerNext(
  command: string,
  kind: string,
  body: Record<string, unknown>,
  delayMs = 0,
): Promise<void> {
  const e = (await event(
    `discord.${guild.id}.interaction.command.${command}`,
  )) as Envelope<InteractionCommand>;
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  await act(kind, {
    interactionId: e.data.interactionId,
    token: e.data.token,
    applicationId: e.data.applicationId,
    ...body,
  });
}

beforeAll(async () => {
  sim = new DiscordSimulator({ port: 0 });
  await sim.start();
  guild = sim.createGuild({ name: 'Gateway E2E', channels: ['general'] });
  channelId = guild.channels[0].id;
  ada = sim.addMember(guild.id, { username: 'ada' }).user!.id;

  nc = await connectNats(NATS_URL, 'gateway-e2e');
  sub = nc.subscribe(`${namespace}.>`, {
    callback: (_err, m) => {
      seen.push({ subject: topology.strip(m.subject), envelope: m.json<Envelope>() });
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
    INTERACTION_GIVE_UP_MS: String(GIVE_UP_MS),
  });
  publisher = new Publisher(nc, topology);
});

afterAll(async () => {
  await gateway?.stop();
  sub?.unsubscribe();
  if (nc) {
    await deleteStreams(nc, topology);
    await nc.close();
  }
  const pg = new PgClient({ connectionString: DATABASE_URL });
  await pg.connect();
  await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pg.end();
  await sim?.stop();
});

describe('gateway: Discord → DISCORD stream', () => {
  it('announces each guild with its roles and the bot’s own roles', async () => {
    const e = await event(`discord.${guild.id}.guild.synced`);
    expect(e.data).toMatchObject({
      name: 'Gateway E2E',
      botUserId: sim.botUserId,
      botRoleIds: [guild.botRoleId],
    });
    expect((e.data as { roles: unknown[] }).roles.length).toBe(guild.roles.length);
  });

  it('a posted message appears as message.created at the chosen time and without its content', async () => {
    const timestamp = '2026-02-03T04:05:06.789Z';
    const posted = sim.postMessage({
      guildId: guild.id,
      channelId,
      authorId: ada,
      content: 'top secret words',
      timestamp,
    });
    const e = await event(`discord.${guild.id}.message.created`, (x) => x.id === posted.id);
    expect(e).toMatchObject({
      occurredAt: timestamp,
      source: 'gateway',
      data: { messageId: posted.id, channelId, userId: ada, bot: false },
    });
    expect(JSON.stringify(e)).not.toContain('top secret');
  });

  it('member joins, role changes and leaves appear as member events', async () => {
    const grace = sim.addMember(guild.id, { username: 'grace' }).user!.id;
    const joined = await event(
      `discord.${guild.id}.member.joined`,
      (x) => (x.data as { userId: string }).userId === grace,
    );
    expect(joined.id).toMatch(new RegExp(`^${guild.id}:${grace}:\\d+$`));

    const role = sim.createRole(guild.id, { name: 'Reader' });
    await event(
      `discord.${guild.id}.role.upserted`,
      (x) => (x.data as { role: { id: string } }).role.id === role.id,
    );
    sim.updateMember(guild.id, grace, { roles: [role.id] });
    await event(
      `discord.${guild.id}.member.updated`,
      (x) => JSON.stringify(x.data) === JSON.stringify({ userId: grace, roleIds: [role.id] }),
    );

    sim.removeMember(guild.id, grace);
    await event(`discord.${guild.id}.member.left`, (x) => (x.data as { userId: string }).userId === grace);
  });

  it('GET /shards reports the connection without secrets', async () => {
    const res = await fetch(`http://127.0.0.1:${gateway.port}/shards`);
    const body = await res.json();
    expect(body).toMatchObject({ ready: true, guilds: 1, shards: [{ id: 0, status: 'Ready', guilds: 1 }] });
    expect(JSON.stringify(body)).not.toContain(sim.botToken);
  });
});

describe('gateway: ACTIONS → Discord', () => {
  it('role.add ends in exactly one PUT and an action.done result', async () => {
    const role = sim.createRole(guild.id, { name: 'Member' });
    const path = `/guilds/${guild.id}/members/${ada}/roles/${role.id}`;
    const id = await act('role.add', { userId: ada, roleId: role.id, reason: 'e2e' });
    const result = await resultOf(id);
    expect(result).toMatchObject({
      type: 'action.done',
      causationId: id,
      data: { actionId: id, kind: 'role.add', httpStatus: 204 },
    });
    expect(sim.calls({ method: 'PUT', path })).toHaveLength(1);
    expect(sim.getMember(guild.id, ada).roles).toContain(role.id);
  });

  it('a role above the bot is reported as action.failed 403, not retryable', async () => {
    const role = sim.createRole(guild.id, { name: 'Admins', aboveBot: true });
    // A moderator's grant: the gateway leaves the hierarchy to Discord.
    const id = await act('role.add', { userId: ada, roleId: role.id, grant: 'moderator' });
    const result = await resultOf(id);
    expect(result).toMatchObject({ type: 'action.failed', data: { httpStatus: 403, retryable: false } });
    expect(sim.calls({ method: 'PUT', path: `/roles/${role.id}` })).toHaveLength(1);
  });

  it('a Discord 500 is retried by discord.js REST, then reported as retryable', async () => {
    const role = sim.createRole(guild.id, { name: 'Flaky' });
    const path = `/roles/${role.id}`;
    sim.injectFault({ method: 'PUT', path, status: 500, count: 10 });
    try {
      const id = await act('role.add', { userId: ada, roleId: role.id });
      const result = await resultOf(id);
      expect(result).toMatchObject({ type: 'action.failed', data: { httpStatus: 500, retryable: true } });
      expect(sim.calls({ method: 'PUT', path }).length).toBe(4); // the first try and discord.js' 3 retries
    } finally {
      sim.clearFaults();
    }
  });

  it('message.send posts; message.delete removes it, and deleting it again is still done', async () => {
    const sent = await resultOf(await act('message.send', { channelId, content: 'Read the rules' }));
    const messageId = (sent.data as { resultId: string }).resultId;
    expect(sim.channelMessages(guild.id, channelId).some((m) => m.id === messageId)).toBe(true);
    const removed = await resultOf(
      await act('message.delete', { channelId, messageId, reason: 're-posted' }),
    );
    expect(removed).toMatchObject({ type: 'action.done', data: { kind: 'message.delete', httpStatus: 204 } });
    expect(sim.channelMessages(guild.id, channelId).some((m) => m.id === messageId)).toBe(false);
    const again = await resultOf(await act('message.delete', { channelId, messageId }));
    expect(again).toMatchObject({ type: 'action.done', data: { httpStatus: 404 } });
  });

  it('role.create reports the new role id', async () => {
    const id = await act('role.create', { name: 'Level 5', color: 0x00ff00 });
    const result = await resultOf(id);
    const roleId = (result.data as { resultId: string }).resultId;
    expect(sim.getGuild(guild.id, false).roles.find((r) => r.id === roleId)?.name).toBe('Level 5');
  });

  it('commands.register from two owners results in one merged PUT', async () => {
    sim.clearCalls();
    const actions = ['xp', 'onboarding'].map((owner, i) => {
      const id = `e2e-${suffix}-cmd-${owner}`;
      const commands =
        owner === 'xp'
          ? [{ name: 'profile', description: 'Your level' }]
          : [{ name: 'rules', description: 'The rules' }];
      return {
        subject: actionSubject(guild.id, 'commands.register'),
        envelope: envelope({
          id,
          type: 'commands.register',
          guildId: guild.id,
          occurredAt: new Date(Date.now() + i),
          source: 'e2e',
          data: { owner, commands },
        }),
      };
    });
    await publisher.publishMany(actions);
    for (const a of actions) expect((await resultOf(a.envelope.id)).type).toBe('action.done');
    const puts = sim.calls({
      method: 'PUT',
      path: `/applications/${sim.applicationId}/guilds/${guild.id}/commands`,
    });
    expect(puts).toHaveLength(1);
    expect((puts[0].body as Array<{ name: string }>).map((c) => c.name).sort()).toEqual(['profile', 'rules']);
  });

  it('an invalid action goes to DEAD with its reason', async () => {
    await act('role.add', { userId: 'not-a-user', roleId: '1' });
    const letters = await waitFor('a dead letter', () =>
      seen.some((s) => s.subject.startsWith('dead.')) ? true : undefined,
    );
    expect(letters).toBe(true);
    const dead = await readDeadLetters(nc, topology);
    expect(dead).toEqual([
      expect.objectContaining({
        subject: `actions.${guild.id}.role.add`,
        reason: expect.stringContaining('userId'),
      }),
    ]);
  });
});

describe('gateway: a role.add the bot makes on its own is re-checked on the live role', () => {
  const MANAGE_MESSAGES = String(1n << 13n);
  const roleUpserted = (roleId: string, permissions: string) =>
    event(`discord.${guild.id}.role.upserted`, (x) => {
      const r = (x.data as { role: { id: string; permissions: string } }).role;
      return r.id === roleId && r.permissions === permissions;
    });
  const puts = (roleId: string) => sim.calls({ method: 'PUT', path: `/members/${ada}/roles/${roleId}` });

  it('a self-service, reward or unmarked grant of a role an admin just gave Manage Messages is refused with the reason, never sent, not retried', async () => {
    const helper = sim.createRole(guild.id, { name: 'Helper' });
    await roleUpserted(helper.id, '0');
    sim.updateRole(guild.id, helper.id, { permissions: MANAGE_MESSAGES });
    await roleUpserted(helper.id, MANAGE_MESSAGES);
    for (const grant of ['self-service', 'reward', 'onboarding', undefined]) {
      const id = await act('role.add', { userId: ada, roleId: helper.id, ...(grant ? { grant } : {}) });
      expect(await resultOf(id)).toMatchObject({
        type: 'action.failed',
        data: {
          actionId: id,
          retryable: false,
          error: `refused ${grant ?? 'automatic'} grant: Helper grants dangerous permissions (Manage Messages)`,
        },
      });
    }
    expect(puts(helper.id)).toHaveLength(0);
    expect(sim.getMember(guild.id, ada).roles).not.toContain(helper.id);

    // A moderator's own grant is theirs to make: Discord's hierarchy decides.
    const byMod = await act('role.add', { userId: ada, roleId: helper.id, grant: 'moderator' });
    expect(await resultOf(byMod)).toMatchObject({ type: 'action.done', data: { httpStatus: 204 } });
    expect(sim.getMember(guild.id, ada).roles).toContain(helper.id);
  });

  it('a self-service grant of a role at or above the bot, or a managed one, is refused before Discord is asked', async () => {
    const staff = sim.createRole(guild.id, { name: 'Staff', aboveBot: true });
    const integration = sim.createRole(guild.id, { name: 'Integration', managed: true });
    await roleUpserted(integration.id, '0');
    for (const [role, reason] of [
      [staff, "Staff is at or above the bot's highest role"],
      [integration, 'Integration is managed by an integration and cannot be assigned'],
    ] as const) {
      const id = await act('role.add', { userId: ada, roleId: role.id, grant: 'self-service' });
      expect(await resultOf(id)).toMatchObject({
        type: 'action.failed',
        data: { retryable: false, error: `refused self-service grant: ${reason}` },
      });
      expect(puts(role.id)).toHaveLength(0);
    }
  });
});

describe('gateway: interactions', () => {
  it('an interaction answered by an interaction.reply action shows as the reply', async () => {
    const owner = answerNext('profile', 'interaction.reply', { content: 'You are level 3', ephemeral: true });
    const view = await sim.runCommand({ guildId: guild.id, channelId, userId: ada, name: 'profile' });
    await owner;
    expect(view.callback).toMatchObject({ type: 4, data: { content: 'You are level 3', flags: 64 } });
    expect(view.respondedInMs).toBeLessThan(2000);
  });

  it('an interaction nobody answers is deferred before 3 s and later told to try again', async () => {
    const view = await sim.runCommand({ guildId: guild.id, channelId, userId: ada, name: 'nobody-home' });
    expect(view.callback?.type).toBe(5);
    expect(view.respondedInMs).toBeLessThan(3000);
    const original = await waitFor(
      'the catching-up message',
      () => {
        const v = sim.getInteraction(view.interactionId);
        return v.original?.content === CATCHING_UP_MESSAGE ? v.original : undefined;
      },
      GIVE_UP_MS + 5000,
    );
    expect(original.content).toBe(CATCHING_UP_MESSAGE);
  });

  it('a late reply after the defer becomes the edited original', async () => {
    const owner = answerNext('leaderboard', 'interaction.reply', { content: 'Top 10: …' }, 2600);
    const view = await sim.runCommand({ guildId: guild.id, channelId, userId: ada, name: 'leaderboard' });
    await owner;
    const settled = await waitFor('the edited original', () => {
      const v = sim.getInteraction(view.interactionId);
      return v.original?.content === 'Top 10: …' ? v : undefined;
    });
    expect(settled.callback?.type).toBe(5);
    expect(settled.respondedInMs).toBeLessThan(3000);
  });
});

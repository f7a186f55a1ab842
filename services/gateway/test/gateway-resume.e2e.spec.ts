import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { connectNats, deleteStreams, Topology } from '@guildhall/eventing';
import { DATABASE_URL, freePort, NATS_URL, PrivateNats, waitFor } from '@guildhall/testing';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client as PgClient } from 'pg';
import { Chatter, expectExactlyOnceInOrder } from './chatter';
import { streamed, streamedMessageIds } from './discord-stream';

jest.setTimeout(180_000);

/**
 * The gateway as `npm start` runs it, killed and restarted while members keep chatting: every
 * message Discord sent must reach the DISCORD stream exactly once and in order, whether the
 * gateway was killed with events still queued, stopped, or NATS was down long enough to fill
 * its queue. Discord replays what a session missed only to a RESUME of that session.
 */
class GatewayChild {
  private output = '';
  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    const keep = (c: Buffer) => (this.output = (this.output + c.toString()).slice(-6000));
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
  }

  static async start(env: NodeJS.ProcessEnv): Promise<GatewayChild> {
    const port = await freePort();
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'services/gateway/src/main.ts'], {
      cwd: `${__dirname}/../../..`,
      env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = new GatewayChild(proc, port);
    await waitFor(
      'the gateway to answer /health',
      async () => {
        if (proc.exitCode !== null) throw new Error(`gateway exited:\n${child.output}`);
        return fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        );
      },
      60_000,
    );
    return child;
  }

  async metric(name: string): Promise<number> {
    const text = await fetch(`http://127.0.0.1:${this.port}/metrics`).then((r) => r.text());
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    if (line === undefined) throw new Error(`the gateway has no metric ${name}`);
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  get log(): string {
    return this.output;
  }

  private exited(): Promise<void> {
    return new Promise((r) =>
      this.proc.exitCode !== null || this.proc.signalCode !== null ? r() : this.proc.once('exit', () => r()),
    );
  }

  async kill(): Promise<void> {
    this.proc.kill('SIGKILL');
    await this.exited();
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill('SIGTERM');
    await this.exited();
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['the shared NATS', false],
  ['a private NATS that goes down', true],
])('gateway restarts and outages on %s', (_name, privateNats) => {
  const suffix = randomBytes(4).toString('hex');
  const topology = new Topology(`gwresume${suffix}`);
  const schema = `gateway_resume_${suffix}`;
  let sim: DiscordSimulator;
  let guild: GuildView;
  let members: string[];
  let nats: PrivateNats | undefined;
  let nc: NatsConnection;
  let gateway: GatewayChild | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = new DiscordSimulator({ port: 0 });
    await sim.start();
    guild = sim.createGuild({ name: 'Resume', channels: ['general'] });
    members = Array.from({ length: 5 }, (_, i) => sim.addMember(guild.id, { username: `m${i}` }).user!.id);
    if (privateNats) nats = await PrivateNats.local();
    const natsUrl = nats?.url ?? NATS_URL;
    nc = await connectNats(natsUrl, 'gateway-resume-e2e');
    env = {
      DATABASE_URL,
      NATS_URL: natsUrl,
      DB_SCHEMA: schema,
      EVENT_NAMESPACE: topology.namespace,
      DISCORD_TOKEN: sim.botToken,
      DISCORD_API_URL: sim.apiUrl,
      PUBLISH_MAX_QUEUED: '1000',
    };
  });

  afterAll(async () => {
    await gateway?.stop();
    if (nc) {
      await deleteStreams(nc, topology).catch(() => undefined);
      await nc.close();
    }
    await nats?.dispose();
    const db = new PgClient({ connectionString: DATABASE_URL });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
    await sim?.stop();
  });

  const sessionIds = () => sim.gatewaySessions().map((s) => s.id);

  if (!privateNats) {
    it('killed with SIGKILL mid-stream, the restarted gateway resumes and nothing is lost or doubled', async () => {
      gateway = await GatewayChild.start(env);
      const sessionBefore = sessionIds();
      expect(sessionBefore).toHaveLength(1);
      const chat = new Chatter(sim, guild, members);
      chat.start();
      await waitFor('messages on the stream', async () =>
        (await streamedMessageIds(nc, topology)).length >= 100 ? true : undefined,
      );
      await gateway.kill();
      await pause(1500); // members keep chatting while the gateway is down
      gateway = await GatewayChild.start(env);
      await pause(1000);
      chat.stop();
      await waitFor(
        'every message on the stream',
        async () =>
          (await streamedMessageIds(nc, topology)).length >= chat.posted.length ? true : undefined,
        30_000,
      ).catch(() => undefined);
      expectExactlyOnceInOrder(await streamedMessageIds(nc, topology), chat.posted);
      // The same session: the restarted process resumed it instead of identifying afresh.
      expect(sessionIds()).toEqual(sessionBefore);
      expect(await gateway.metric('gateway_sessions_lost_total')).toBe(0);
      // discord.js got no READY from the resume; it is ready and knows the guild again all the same.
      const shards = await waitFor('the guild back in the client', async () => {
        const r = (await fetch(`http://127.0.0.1:${gateway!.port}/shards`).then((x) => x.json())) as {
          ready: boolean;
          shards: Array<{ status: string; guilds: number }>;
        };
        return r.shards[0]?.guilds === 1 ? r : undefined;
      });
      expect(shards).toMatchObject({ ready: true, shards: [{ status: 'Ready', guilds: 1 }] });
    });

    it('stopped and started, the gateway resumes its session and gets what was said meanwhile', async () => {
      const before = (await streamedMessageIds(nc, topology)).length;
      const sessionBefore = sessionIds();
      await gateway!.stop();
      const chat = new Chatter(sim, guild, members);
      chat.post(200);
      gateway = await GatewayChild.start(env);
      await waitFor(
        'the messages said while stopped',
        async () => ((await streamedMessageIds(nc, topology)).length >= before + 200 ? true : undefined),
        30_000,
      ).catch(() => undefined);
      expectExactlyOnceInOrder((await streamedMessageIds(nc, topology)).slice(before), chat.posted);
      expect(sessionIds()).toEqual(sessionBefore);
    });

    it('a session Discord no longer knows is identified afresh, and what changed in the gap is published', async () => {
      await gateway!.stop();
      const eventsBefore = (await streamed(nc, topology)).length;
      // The simulator forgets the session, as Discord does once its resume window has passed.
      for (const s of sim.gatewaySessions()) sim.context.gateway.sessions.delete(s.id);
      // Meanwhile, with nobody listening: one member joins, one leaves, one is given a role.
      const role = sim.createRole(guild.id, { name: 'Artist' });
      const newcomer = sim.addMember(guild.id, { username: 'newcomer' }).user!.id;
      sim.removeMember(guild.id, members[0]);
      sim.updateMember(guild.id, members[1], { roles: [role.id] });
      gateway = await GatewayChild.start(env);
      expect(await gateway.metric('gateway_sessions_lost_total')).toBe(1);
      const memberEvents = () =>
        streamed(nc, topology).then((all) =>
          all.slice(eventsBefore).filter((e) => e.type.startsWith('member.')),
        );
      const found = await waitFor('the gap reconciled', async () => {
        const events = await memberEvents();
        return events.length >= 3 ? events : undefined;
      });
      await pause(500);
      expect(await memberEvents()).toHaveLength(3); // nothing for the members that did not change
      const byType = Object.fromEntries(found.map((e) => [e.type, e.data as Record<string, unknown>]));
      expect(byType['member.joined']).toMatchObject({ userId: newcomer, username: 'newcomer' });
      expect(byType['member.left']).toEqual({ userId: members[0] });
      expect(byType['member.updated']).toMatchObject({ userId: members[1], roleIds: [role.id] });
      expect(await gateway.metric('gateway_members_reconciled_total')).toBeGreaterThan(0);

      members.shift();
      const chat = new Chatter(sim, guild, members);
      const before = (await streamedMessageIds(nc, topology)).length;
      chat.post(20);
      await waitFor('messages of the new session', async () =>
        (await streamedMessageIds(nc, topology)).length >= before + 20 ? true : undefined,
      );
      expectExactlyOnceInOrder((await streamedMessageIds(nc, topology)).slice(before), chat.posted);
    });

    it('a second fresh session with nothing changed publishes no member events', async () => {
      await gateway!.stop();
      const eventsBefore = (await streamed(nc, topology)).length;
      for (const s of sim.gatewaySessions()) sim.context.gateway.sessions.delete(s.id);
      gateway = await GatewayChild.start(env);
      await waitFor('the new session to sync the guild', async () =>
        (await streamed(nc, topology)).slice(eventsBefore).some((e) => e.type === 'guild.synced'),
      );
      await pause(1500);
      const after = (await streamed(nc, topology)).slice(eventsBefore);
      expect(after.filter((e) => e.type.startsWith('member.'))).toEqual([]);
    });
  } else {
    it('with NATS down, a full queue pauses reading from Discord instead of dropping events', async () => {
      gateway = await GatewayChild.start(env);
      const chat = new Chatter(sim, guild, members);
      chat.post(50);
      await waitFor('the first messages', async () =>
        (await streamedMessageIds(nc, topology)).length >= 50 ? true : undefined,
      );
      await nats!.crash();
      chat.post(3000); // three times what the gateway may hold in memory
      await waitFor('reading from Discord to pause', async () =>
        (await gateway!.metric('gateway_discord_read_held')) === 1 ? true : undefined,
      );
      expect(await gateway.metric('gateway_publish_queue_depth')).toBeLessThan(1500);
      await pause(1000);
      await nats!.start();
      await waitFor(
        'every message on the stream',
        async () =>
          (await streamedMessageIds(nc, topology).catch(() => [])).length >= chat.posted.length
            ? true
            : undefined,
        60_000,
      ).catch(() => undefined);
      expectExactlyOnceInOrder(await streamedMessageIds(nc, topology), chat.posted);
      expect(await gateway.metric('gateway_discord_read_held')).toBe(0);
    });
  }
});

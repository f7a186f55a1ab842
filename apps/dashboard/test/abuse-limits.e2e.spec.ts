import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectNats, deleteStreams, Topology } from '@guildhall/eventing';
import { startService, type RunningService } from '@guildhall/harness';
import { Kvm } from '@nats-io/kv';
import { encrypt } from '../src/lib/session-seal';
import { sessionBucket, SessionStore } from '../src/lib/session-store';
import { deleteSessionBucket, startDashboard, type RunningDashboard } from './platform-harness';

/**
 * Issue 11, finding 8 (review M6) against the production build: live-update streams are capped
 * per address and per member, bodies past 64 KiB are refused, and a service's 429 reaches the
 * browser with its Retry-After.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const id = randomBytes(4).toString('hex');
const namespace = `dal${id}`;
const schema = `dal_${id}_xp`;
const authSecret = randomBytes(32).toString('hex');
const GUILD = '140000000000000001';
const MOD = '540000000000000001';
let xp: RunningService;
let dashboard: RunningDashboard;
let sessions: SessionStore;
let nats: Awaited<ReturnType<typeof connectNats>>;

jest.setTimeout(600_000);

beforeAll(async () => {
  xp = await startService('xp', {
    ...process.env,
    DATABASE_URL,
    NATS_URL,
    DB_SCHEMA: schema,
    EVENT_NAMESPACE: namespace,
    AUTH_SECRET: authSecret,
    PORT: '0',
    XP_POLICY_VERSIONS_PER_HOUR: '2',
  });
  dashboard = await startDashboard({
    AUTH_SECRET: authSecret,
    DISCORD_APPLICATION_ID: '1100000000000000001',
    DISCORD_CLIENT_SECRET: 'unused',
    XP_URL: xp.url,
    ROLES_URL: 'http://127.0.0.1:9',
    ONBOARDING_URL: 'http://127.0.0.1:9',
    NATS_URL,
    EVENT_NAMESPACE: namespace,
    // The planted sessions carry no Discord token worth asking about.
    SESSION_RECHECK_SECONDS: '3600',
  });
  nats = await connectNats(NATS_URL, `dashboard-abuse-test-${id}`);
  sessions = new SessionStore(await new Kvm(nats).create(sessionBucket(namespace), { history: 1 }));
});

afterAll(async () => {
  await dashboard?.stop();
  await xp?.stop().catch(() => undefined);
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
  await deleteStreams(nats, new Topology(namespace)).catch(() => undefined);
  await deleteSessionBucket(nats, namespace);
  await nats.close();
});

/** A session cookie as sign-in would set it, its session in the dashboard's store. */
async function session(userId: string, role: 'member' | 'moderator' = 'member'): Promise<string> {
  const value = await sessions.create(userId, {
    user: { id: userId, username: `u${userId}`, globalName: null, avatar: null },
    guilds: [{ id: GUILD, name: 'Limits', icon: null, role }],
    exp: Math.floor(Date.now() / 1000) + 3600,
    createdAt: Date.now(),
    checkedAt: Date.now(),
    discordToken: encrypt(authSecret, 'discord-token', 'unused'),
  });
  return `gh_session=${value}`;
}

/** Opens a live stream and waits for its answer; `close` ends it. */
async function openLive(headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(`${dashboard.url}/api/guilds/${GUILD}/live`, {
    headers,
    signal: controller.signal,
  });
  return { res, close: () => controller.abort() };
}

describe('the dashboard under connection floods and oversize bodies', () => {
  it('an anonymous client opening live streams in a loop is refused past 20 from its address', async () => {
    // `next start` is the first hop here: it sets X-Forwarded-For from the socket, 127.0.0.1.
    const open = [];
    for (let i = 0; i < 20; i++) {
      const s = await openLive();
      expect(s.res.status).toBe(200);
      open.push(s);
    }
    const refused = await openLive();
    expect(refused.res.status).toBe(429);
    expect(((await refused.res.json()) as { error: string }).error).toBe(
      'Too many live-update connections: at most 20 live streams per address. Close another tab or try again later.',
    );
    // A closed stream frees its place.
    open.pop()!.close();
    let again = await openLive();
    for (let i = 0; i < 50 && again.res.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await openLive();
    }
    expect(again.res.status).toBe(200);
    again.close();
    for (const s of open) s.close();
  });

  it('a signed-in member opening live streams from many addresses is refused past 10', async () => {
    const cookie = await session('540000000000000002');
    const open = [];
    for (let i = 0; i < 10; i++) {
      // Behind the ingress each would arrive with its own address appended.
      const s = await openLive({ cookie, 'x-forwarded-for': `198.51.100.${i + 1}` });
      expect(s.res.status).toBe(200);
      open.push(s);
    }
    const refused = await openLive({ cookie, 'x-forwarded-for': '198.51.100.99' });
    expect(refused.res.status).toBe(429);
    expect(((await refused.res.json()) as { error: string }).error).toContain(
      'at most 10 live streams per member',
    );
    for (const s of open) s.close();
  });

  it('a signed-in moderator sending a 1 MB body gets 413 naming the limit', async () => {
    const res = await fetch(`${dashboard.url}/api/guilds/${GUILD}/mod/xp-policy`, {
      method: 'PUT',
      headers: {
        cookie: await session(MOD, 'moderator'),
        origin: dashboard.url,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ junk: 'x'.repeat(1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: 'The request body is larger than the 64 KiB this route accepts.',
    });
  });

  it('a moderator saving the XP policy past the hourly cap gets the service’s 429 with its Retry-After', async () => {
    const policy = {
      amount: { kind: 'fixed', xp: 10 },
      cooldownSeconds: 60,
      curve: 'sqrt',
      roleMultipliers: [],
      channelMultipliers: [],
      noXpChannels: [],
      levelUpMessage: { enabled: false, template: '{user} reached level {level}' },
    };
    const cookie = await session(MOD, 'moderator');
    const put = () =>
      fetch(`${dashboard.url}/api/guilds/${GUILD}/mod/xp-policy`, {
        method: 'PUT',
        headers: {
          cookie,
          origin: dashboard.url,
          'content-type': 'application/json',
        },
        body: JSON.stringify(policy),
      });
    expect((await put()).status).toBe(200);
    expect((await put()).status).toBe(200);
    const refused = await put();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /^at most 2 XP policy versions per hour per guild; try again in \d+ s$/,
    );
  });
});

import { discordSubject, envelope, Envelope } from '@guildhall/contracts';
import { readDeadLetters } from '@guildhall/eventing';
import { RunningXpService, startXpService } from '../src/app';
import { getJson, messageCreated, MessageSpec, putJson, T0, waitFor, XpTestEnv } from './xp-test-env';

const GUILD = '100000000000000001';
const user = (i: number) => String(400000000000000000n + BigInt(i));
const CHANNEL = '200000000000000001';
const BOOSTED_CHANNEL = '200000000000000002';
const MUTED_CHANNEL = '200000000000000003';
const THREAD = '200000000000000004';
const BOOSTER_ROLE = '300000000000000001';

jest.setTimeout(60_000);

describe('xp service: awarding XP from message.created', () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;
  let base: string;

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(t.env());
    base = `http://127.0.0.1:${xp.port}`;
  });
  afterAll(async () => {
    await xp?.stop();
    await t.cleanup();
  });

  const publishAndWait = async (specs: MessageSpec[]) => {
    const before = await t.applied('xp-messages');
    await t.publishMessages(specs.map(messageCreated));
    await waitFor('messages applied', async () => (await t.applied('xp-messages')) >= before + specs.length);
  };

  it('50 members × 20 messages with chosen timestamps earn exactly what the policy says', async () => {
    // Member i writes every (15 + i) s: at 0, d, 2d … 19d. With a 60 s cooldown an award is due
    // at the first message at or after last award + 60 s; the expected totals are computed here
    // independently of the domain code.
    const specs: MessageSpec[] = [];
    const expected = new Map<string, number>();
    for (let i = 0; i < 50; i++) {
      const gap = (15 + i) * 1000;
      let last: number | null = null;
      let awards = 0;
      for (let k = 0; k < 20; k++) {
        const at = T0 + k * gap;
        specs.push({ guildId: GUILD, userId: user(i), at });
        if (last === null || at >= last + 60_000) {
          awards++;
          last = at;
        }
      }
      expected.set(user(i), awards * 10);
    }
    // Interleave members the way a busy channel would, keeping each member's order.
    specs.sort((a, b) => a.at - b.at);
    await publishAndWait(specs);

    for (const [userId, xpTotal] of expected) {
      const { status, body } = await getJson(`${base}/guilds/${GUILD}/members/${userId}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ xp: xpTotal, messages: 20, level: Math.floor(Math.sqrt(xpTotal / 100)) });
      // Public reads never tell anyone when a member last chatted (a stalker's clock).
      expect(JSON.stringify(body)).not.toMatch(/last_?award/i);
    }
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    const { rows } = await t.db.query(
      `SELECT sum(amount)::int AS xp, count(*)::int AS n FROM "${t.schema}".xp_events WHERE guild_id = $1`,
      [GUILD],
    );
    expect(rows[0]).toEqual({ xp: total, n: 1000 });

    const lb = await getJson(`${base}/guilds/${GUILD}/leaderboard?limit=5&offset=0`);
    expect(lb.status).toBe(200);
    expect(lb.body.total).toBe(50);
    expect(lb.body.entries).toHaveLength(5);
    expect(JSON.stringify(lb.body)).not.toMatch(/last_?award/i);
    const sorted = [...expected.entries()].sort((a, b) => b[1] - a[1]);
    expect(lb.body.entries[0]).toMatchObject({ position: 1, xp: sorted[0][1] });
    const xps = lb.body.entries.map((e: { xp: number }) => e.xp);
    expect(xps).toEqual([...xps].sort((a: number, b: number) => b - a));
  });

  it('a member reaching 100 XP levels up: xp.level_reached on DOMAIN and a message in the channel', async () => {
    // Member 15 writes every 30 s: 10 awards of 10 XP, the 10th lifting them to level 1.
    const level = await waitFor('level_reached on DOMAIN', async () => {
      const domain = await t.readStream('DOMAIN');
      return domain.find(
        (m) =>
          m.subject === `xp.${GUILD}.level_reached` &&
          (m.envelope.data as { userId: string }).userId === user(15),
      );
    });
    expect(level.envelope).toMatchObject({
      type: 'xp.level_reached',
      data: { level: 1, previousLevel: 0, totalXp: 100 },
    });
    const announce = await waitFor('message.send on ACTIONS', async () => {
      const actions = await t.readStream('ACTIONS');
      return actions.find(
        (m) =>
          m.subject === `actions.${GUILD}.message.send` &&
          (m.envelope.data as { content: string }).content.includes(`<@${user(15)}>`),
      );
    });
    expect(announce.envelope.data).toEqual({
      channelId: CHANNEL,
      content: `🎉 <@${user(15)}> reached **level 1**!`,
    });
  });

  it('a member who posts twice within the cooldown earns XP once', async () => {
    const u = user(100);
    await publishAndWait([
      { guildId: GUILD, userId: u, at: T0 },
      { guildId: GUILD, userId: u, at: T0 + 59_999 },
      { guildId: GUILD, userId: u, at: T0 + 60_000 },
      // Out of order: older than the last award, so it earns nothing.
      { guildId: GUILD, userId: u, at: T0 + 30_000 },
    ]);
    expect(await t.member(GUILD, u)).toMatchObject({ xp: 20, messages: 4 });
  });

  it('leaderboards and profiles show each member by the name they were last seen with', async () => {
    const G = '100000000000000008';
    const [ada, bo] = [user(110), user(111)];
    await publishAndWait([
      { guildId: G, userId: ada, at: T0, displayName: 'Ada' },
      { guildId: G, userId: bo, at: T0, displayName: 'Bo' },
      { guildId: G, userId: ada, at: T0 + 61_000, displayName: 'Ada' },
    ]);
    await publishAndWait([{ guildId: G, userId: ada, at: T0 + 122_000, displayName: 'Countess Ada' }]);
    const lb = await getJson(`${base}/guilds/${G}/leaderboard?limit=10&offset=0`);
    expect(
      lb.body.entries.map((e: { userId: string; displayName: string }) => [e.userId, e.displayName]),
    ).toEqual([
      [ada, 'Countess Ada'],
      [bo, 'Bo'],
    ]);
    expect((await getJson(`${base}/guilds/${G}/members/${bo}`)).body.displayName).toBe('Bo');
    expect((await getJson(`${base}/guilds/${G}/members/${user(112)}`)).body.displayName).toBeNull();

    // Moderators find members by any part of their name, any case; "%" is a character, not a wildcard.
    const search = (q: string, role: 'moderator' | 'member' = 'moderator') =>
      getJson(`${base}/guilds/${G}/members?search=${encodeURIComponent(q)}`, t.token(G, role));
    const found = await search('ADA');
    expect(found.status).toBe(200);
    expect(
      found.body.entries.map((e: { userId: string; displayName: string; xp: number }) => [
        e.userId,
        e.displayName,
        e.xp,
      ]),
    ).toEqual([[ada, 'Countess Ada', 30]]);
    expect((await search('b')).body.entries.map((e: { userId: string }) => e.userId)).toEqual([bo]);
    expect((await search('%')).body.entries).toEqual([]);
    expect((await search('ada', 'member')).status).toBe(403);
    expect((await getJson(`${base}/guilds/${G}/members?search=`, t.token(G, 'moderator'))).status).toBe(400);
  });

  it('bots earn nothing and are not counted', async () => {
    await publishAndWait([{ guildId: GUILD, userId: user(101), at: T0, bot: true }]);
    expect(await t.member(GUILD, user(101))).toBeUndefined();
  });

  describe('with a guild policy', () => {
    const G2 = '100000000000000002';
    // A policy governs messages sent after it took effect, so these are dated after the PUT.
    const LATER = Date.now() + 3_600_000 - T0;
    beforeAll(async () => {
      await t.syncDirectory(G2, { roleIds: [BOOSTER_ROLE], channelIds: [BOOSTED_CHANNEL, MUTED_CHANNEL] });
      const res = await putJson(
        `${base}/guilds/${G2}/policy`,
        {
          amount: { kind: 'fixed', xp: 10 },
          cooldownSeconds: 30,
          curve: 'step',
          roleMultipliers: [{ id: BOOSTER_ROLE, multiplier: 2 }],
          channelMultipliers: [{ id: BOOSTED_CHANNEL, multiplier: 1.5 }],
          noXpChannels: [MUTED_CHANNEL],
          levelUpMessage: { enabled: false, template: '{user} is now level {level}' },
        },
        t.token(G2, 'moderator'),
      );
      expect(res.status).toBe(200);
    });

    it('role and channel multipliers multiply the award', async () => {
      const u = user(200);
      await publishAndWait([
        { guildId: G2, userId: u, at: T0 + LATER + 3_600_000, channelId: CHANNEL }, // 10
        { guildId: G2, userId: u, at: T0 + LATER + 3_630_000, channelId: BOOSTED_CHANNEL }, // 15
        {
          guildId: G2,
          userId: u,
          at: T0 + LATER + 3_660_000,
          channelId: BOOSTED_CHANNEL,
          roleIds: [BOOSTER_ROLE],
        }, // 30
        { guildId: G2, userId: u, at: T0 + LATER + 3_690_000, channelId: CHANNEL, roleIds: [BOOSTER_ROLE] }, // 20
      ]);
      expect(await t.member(G2, u)).toMatchObject({ xp: 75, messages: 4 });
    });

    it('messages in a no-XP channel and its threads count but earn nothing', async () => {
      const u = user(201);
      await publishAndWait([
        { guildId: G2, userId: u, at: T0 + LATER + 3_600_000, channelId: MUTED_CHANNEL },
        {
          guildId: G2,
          userId: u,
          at: T0 + LATER + 3_700_000,
          channelId: THREAD,
          parentChannelId: MUTED_CHANNEL,
        },
        { guildId: G2, userId: u, at: T0 + LATER + 3_800_000, channelId: CHANNEL },
      ]);
      expect(await t.member(G2, u)).toMatchObject({ xp: 10, messages: 3 });
      const { rows } = await t.db.query(
        `SELECT amount, reason FROM "${t.schema}".xp_events WHERE guild_id = $1 AND user_id = $2 ORDER BY id`,
        [G2, u],
      );
      expect(rows).toEqual([
        { amount: 0, reason: 'no_xp_channel' },
        { amount: 0, reason: 'no_xp_channel' },
        { amount: 10, reason: null },
      ]);
    });

    it('the step curve decides levels and a disabled level-up message sends nothing', async () => {
      const u = user(202);
      const specs: MessageSpec[] = [];
      for (let k = 0; k < 10; k++)
        specs.push({ guildId: G2, userId: u, at: T0 + LATER + 3_600_000 + k * 30_000 });
      await publishAndWait(specs);
      expect(await t.member(G2, u)).toMatchObject({ xp: 100, level: 1 });
      const actions = await t.readStream('ACTIONS');
      expect(actions.filter((m) => m.subject === `actions.${G2}.message.send`)).toHaveLength(0);
    });
  });

  it('a malformed event goes to DEAD with its reason while later events still apply', async () => {
    const u = user(300);
    const bad = envelope({
      id: 'bad-message-1',
      type: 'message.created',
      guildId: GUILD,
      occurredAt: new Date(T0),
      source: 'gateway',
      data: { messageId: 'not-a-snowflake', channelId: CHANNEL, userId: u, roleIds: [], bot: false },
    });
    await t.publisher.publish(discordSubject(GUILD, 'message.created'), bad as Envelope);
    await t.nc.publish(t.topology.subject(discordSubject(GUILD, 'message.created')), 'this is not json');
    await t.publishMessages([messageCreated({ guildId: GUILD, userId: u, at: T0 })]);
    await waitFor('the later event', async () => (await t.member(GUILD, u))?.xp === 10);
    const dead = await waitFor('dead letters', async () => {
      const letters = (await readDeadLetters(t.nc, t.topology)).filter((d) => d.consumer === 'xp-messages');
      return letters.length >= 2 ? letters : null;
    });
    expect(dead.map((d) => d.reason)).toEqual(
      expect.arrayContaining([expect.stringContaining('messageId'), expect.stringMatching(/^not JSON/)]),
    );
  });

  it('a redelivered message (same envelope id) is not counted twice', async () => {
    const u = user(301);
    const once = messageCreated({ guildId: GUILD, userId: u, at: T0 });
    await t.publishMessages([once]);
    await waitFor('first', async () => (await t.member(GUILD, u))?.xp === 10);
    // A republish after the stream's dedupe window is modelled by a different Nats-Msg-Id.
    await t.publisher.publishRaw(
      discordSubject(GUILD, 'message.created'),
      `${once.id}-again`,
      JSON.stringify(once),
    );
    const marker = messageCreated({ guildId: GUILD, userId: user(302), at: T0 });
    await t.publishMessages([marker]);
    await waitFor('marker', async () => (await t.member(GUILD, user(302)))?.xp === 10);
    expect(await t.member(GUILD, u)).toMatchObject({ xp: 10, messages: 1 });
  });
});

import type { Envelope } from '@guildhall/contracts';
import type { GuildView } from '@guildhall/discord-sim';
import { ActionWorld } from './action-world';

jest.setTimeout(90_000);

/**
 * The attack: a moderator of their own server points a setting (the level-up channel, the rules
 * channel) at a channel of a large server that also has the bot, and the trusted bot posts their
 * text there. Whatever a service asks, the gateway executes an action only on its own guild's
 * channels, roles and members. `attacker` and `victim` are on the shard this gateway holds;
 * `elsewhere` is on the other shard, so this process has none of its channels cached.
 */
const world = new ActionWorld('gwtargets');
/** A guild id that Discord's sharding formula, (id >> 22) % 2, puts on `shard`. */
const guildIdOnShard = (shard: number, n: number) =>
  String(((1_400_000_000_000n + BigInt(n)) * 2n + BigInt(shard)) << 22n);
const SHARED_USER = '1200000000000000101';
const VICTIM_ONLY_USER = '1200000000000000102';

let attacker: GuildView;
let victim: GuildView;
let elsewhere: GuildView;
let attackerRole: string;
let victimRole: string;
const channel = (g: GuildView) => g.channels[0].id;

const sentTo = (g: GuildView) => world.sim.channelMessages(g.id, channel(g)).map((m) => m.content);
const failedBecause = (result: Envelope, reason: string) =>
  expect(result).toMatchObject({
    type: 'action.failed',
    data: { retryable: false, error: `refused: ${reason}` },
  });

beforeAll(async () => {
  const sim = await world.startSimulator();
  attacker = sim.createGuild({ id: guildIdOnShard(0, 1), name: 'Attacker', channels: ['general'] });
  victim = sim.createGuild({ id: guildIdOnShard(0, 2), name: 'Victim', channels: ['announcements'] });
  elsewhere = sim.createGuild({ id: guildIdOnShard(1, 3), name: 'Elsewhere', channels: ['general'] });
  attackerRole = sim.createRole(attacker.id, { name: 'Level 5' }).id;
  victimRole = sim.createRole(victim.id, { name: 'Verified' }).id;
  sim.addMember(attacker.id, { id: SHARED_USER, username: 'both' });
  sim.addMember(victim.id, { id: SHARED_USER, username: 'both' });
  sim.addMember(victim.id, { id: VICTIM_ONLY_USER, username: 'victim-only' });
  await world.startGateway({ SHARD_COUNT: '2', SHARD_IDS: '0' });
});

afterAll(() => world.stop());

describe("gateway: an action touches only its own guild's channels, roles and members", () => {
  it("a moderator cannot make the bot post in another guild's channel: nothing reaches Discord, the result names the channel", async () => {
    world.sim.clearCalls();
    const phishing = world.action(attacker.id, 'message.send', {
      channelId: channel(victim),
      content: 'Free Nitro for the first 100: https://evil.example',
    });
    const own = world.action(attacker.id, 'message.send', { channelId: channel(attacker), content: 'GG!' });
    await world.publish([phishing, own]);
    const [refused, sent] = await world.resultsOf([phishing, own]);
    failedBecause(refused, `channel ${channel(victim)} is not a channel of guild ${attacker.id}`);
    expect(world.sim.calls({ path: channel(victim) })).toEqual([]);
    expect(sentTo(victim)).toEqual([]);
    // The guild's own channel still works, in the same batch.
    expect(sent.type).toBe('action.done');
    expect(sentTo(attacker)).toEqual(['GG!']);
    // Recorded like any other failure, once: a redelivery would find it done.
    const { rows } = await world.db.query(
      `SELECT state, outcome->>'refused' AS refused FROM "${world.schema}".action_log WHERE action_id = $1`,
      [phishing.id],
    );
    expect(rows).toEqual([{ state: 'done', refused: 'channel' }]);
  });

  it("an action of one guild cannot delete another guild's message", async () => {
    const notice = world.action(victim.id, 'message.send', { channelId: channel(victim), content: 'rules' });
    await world.publish([notice]);
    const [posted] = await world.resultsOf([notice]);
    const messageId = (posted.data as { resultId: string }).resultId;
    world.sim.clearCalls();
    const wipe = world.action(attacker.id, 'message.delete', { channelId: channel(victim), messageId });
    await world.publish([wipe]);
    failedBecause(
      (await world.resultsOf([wipe]))[0],
      `channel ${channel(victim)} is not a channel of guild ${attacker.id}`,
    );
    expect(world.sim.calls({ path: channel(victim) })).toEqual([]);
    expect(sentTo(victim)).toEqual(['rules']);
  });

  it("another guild's role is not granted through an action of this guild, even to a member of both", async () => {
    world.sim.clearCalls();
    const grant = world.action(attacker.id, 'role.add', { userId: SHARED_USER, roleId: victimRole });
    await world.publish([grant]);
    failedBecause(
      (await world.resultsOf([grant]))[0],
      `role ${victimRole} is not a role of guild ${attacker.id}`,
    );
    expect(world.sim.calls({ path: victimRole })).toEqual([]);
    expect(world.sim.getMember(victim.id, SHARED_USER).roles).not.toContain(victimRole);
  });

  it('a user who is a member of another guild only gets no role through an action of this guild', async () => {
    world.sim.clearCalls();
    const grant = world.action(attacker.id, 'role.add', { userId: VICTIM_ONLY_USER, roleId: attackerRole });
    const revoke = world.action(attacker.id, 'role.remove', {
      userId: VICTIM_ONLY_USER,
      roleId: attackerRole,
    });
    await world.publish([grant, revoke]);
    for (const result of await world.resultsOf([grant, revoke]))
      failedBecause(result, `user ${VICTIM_ONLY_USER} is not a member of guild ${attacker.id}`);
    // The roster had not heard of them here, so Discord was asked whether they are a member: a read, never a grant.
    expect(world.sim.calls({ path: VICTIM_ONLY_USER }).map((c) => `${c.method} ${c.status}`)).toEqual([
      'GET 404',
      'GET 404',
    ]);
    expect(world.sim.calls({ path: `/members/${VICTIM_ONLY_USER}/roles` })).toEqual([]);
  });

  it("the guild's own role for its own member is granted", async () => {
    const grant = world.action(attacker.id, 'role.add', { userId: SHARED_USER, roleId: attackerRole });
    await world.publish([grant]);
    expect((await world.resultsOf([grant]))[0].type).toBe('action.done');
    expect(world.sim.getMember(attacker.id, SHARED_USER).roles).toContain(attackerRole);
  });

  it('a channel this process has not cached is asked of Discord once: refused when it is another guild’s, used when it is the guild’s own', async () => {
    world.sim.clearCalls();
    const intoElsewhere = world.action(attacker.id, 'message.send', {
      channelId: channel(elsewhere),
      content: 'Free Nitro',
    });
    await world.publish([intoElsewhere]);
    failedBecause(
      (await world.resultsOf([intoElsewhere]))[0],
      `channel ${channel(elsewhere)} is not a channel of guild ${attacker.id}`,
    );
    const own = [1, 2].map((i) =>
      world.action(elsewhere.id, 'message.send', { channelId: channel(elsewhere), content: `hello ${i}` }),
    );
    await world.publish(own);
    expect((await world.resultsOf(own)).map((r) => r.type)).toEqual(['action.done', 'action.done']);
    expect(sentTo(elsewhere)).toEqual(['hello 1', 'hello 2']);
    expect(
      world.sim.calls({ path: channel(elsewhere) }).map((c) => `${c.method} ${c.path.split('/v10')[1]}`),
    ).toEqual([
      `GET /channels/${channel(elsewhere)}`,
      `POST /channels/${channel(elsewhere)}/messages`,
      `POST /channels/${channel(elsewhere)}/messages`,
    ]);
  });

  it('every refusal is counted by action kind and target', async () => {
    const text = await world.metrics();
    const count = (kind: string, target: string) =>
      Number(
        new RegExp(
          `^gateway_actions_refused_total\\{kind="${kind}",target="${target}"[^}]*\\} (\\d+)$`,
          'm',
        ).exec(text)?.[1],
      );
    expect(count('message.send', 'channel')).toBe(2);
    expect(count('message.delete', 'channel')).toBe(1);
    expect(count('role.add', 'role')).toBe(1);
    expect(count('role.add', 'member')).toBe(1);
    expect(count('role.remove', 'member')).toBe(1);
  });
});

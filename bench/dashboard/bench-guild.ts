import {
  componentSubject,
  discordSubject,
  envelope,
  type GuildSynced,
  type InteractionComponent,
  type MemberJoined,
  type MessageCreated,
} from '@guildhall/contracts';
import { Publisher, Topology, type OutgoingMessage } from '@guildhall/eventing';
import type { NatsConnection } from '@nats-io/nats-core';
import { signServiceToken } from '@guildhall/platform';
import { httpJson, waitUntil } from '../lib/processes';
import { progress, progressDone } from '../lib/report';
import { waitUntilSettled } from '../lib/settle';
import { APPLICATION_ID, type PlatformRun } from '../platform-run';

const MANAGE_GUILD = '32';
const DAY_MS = 86_400_000;

interface SimRole {
  id: string;
  name: string;
  position: number;
  permissions: string;
  managed: boolean;
  color: number;
  tags?: { bot_id?: string };
}
interface SimGuildView {
  id: string;
  name: string;
  ownerId: string;
  botRoleId: string | null;
  roles: SimRole[];
  channels: { id: string; name: string }[];
}

/** The guild the dashboard phase reads: who is who, for the page list. */
export interface BenchGuild {
  guildId: string;
  /** A moderator (Manage Server) who exists in the simulator, so they can sign in. */
  moderatorId: string;
  /** The member at the bottom of the leaderboard: the most members ahead of them. */
  lastMemberId: string;
  members: number;
}

/** Sizes of the guild: members, and what share of them agreed, took the quizzes, hold roles. */
export interface GuildSize {
  members: number;
  /** Every `agreeEvery`-th member agreed to the rules. */
  agreeEvery: number;
  /** How many agreed members pass every quiz (over HTTP, as the dashboard does). */
  quizzes: number;
}

/** Member i's id: plain snowflakes, far from the simulator's own. */
const memberId = (i: number) => String(470_000_000_000_000_000n + BigInt(i));
/** 1 to 5 messages, and 40 more for the first 1 %, so the board has a head and a long tail (at most 45). */
const messagesOf = (i: number, members: number) => 1 + (i % 5) + (i < members / 100 ? 40 : 0);

/**
 * A guild of `size.members` members built through the real services fast: member.joined,
 * message.created and the rules button's interaction.component published straight onto
 * DISCORD (what the gateway would publish), so xp, roles and onboarding project them as in
 * production. The simulator holds the guild's roles and the moderator, for sign-in and names.
 */
export async function buildBenchGuild(
  run: PlatformRun,
  nc: NatsConnection,
  size: GuildSize,
): Promise<BenchGuild> {
  const publisher = new Publisher(nc, new Topology(run.namespace));
  const view = await simGuild(run);
  const g = view.id;
  const role = (name: string) => view.roles.find((r) => r.name === name)!.id;
  const mod = (
    await run.sim('POST', `/guilds/${g}/members`, {
      username: 'bench-mod',
      globalName: 'Bench Mod',
      roles: [role('Mods')],
    })
  ).body.user.id as string;
  const settle = (label: string) =>
    waitUntilSettled(label, nc, new Topology(run.namespace), run.db, [
      run.schemas.xp,
      run.schemas.roles,
      run.schemas.onboarding,
    ]);

  await publisher.publishMany([guildSynced(view, size.members)]);
  await settle('dashboard: guild synced');
  await configure(run, view, mod);

  const base = Date.now() - 7 * DAY_MS;
  const joinedAt = (i: number) => new Date(base - 30 * DAY_MS + Math.floor((i / size.members) * 30 * DAY_MS));
  const everyone = (f: (i: number) => OutgoingMessage | undefined) =>
    publishAll(publisher, `dashboard: ${f.name}`, size.members + 1, (k) => f(k === size.members ? -1 : k));
  const id = (i: number) => (i < 0 ? mod : memberId(i));

  await everyone(function joins(i) {
    const at = i < 0 ? new Date(base - 31 * DAY_MS) : joinedAt(i);
    const roleIds =
      i < 0
        ? [role('Mods')]
        : [...(i % 10 === 0 ? [role('Artist')] : []), ...(i % 25 === 0 ? [role('Gamer')] : [])];
    const data: MemberJoined = {
      userId: id(i),
      username: i < 0 ? 'bench-mod' : `member${i}`,
      bot: false,
      roleIds,
      joinedAt: at.toISOString(),
    };
    return {
      subject: discordSubject(g, 'member.joined'),
      envelope: envelope({
        id: `${g}:${id(i)}:${at.toISOString()}`,
        type: 'member.joined',
        guildId: g,
        occurredAt: at,
        source: 'bench',
        data,
      }),
    };
  });
  await settle('dashboard: joins applied');

  const agrees = (i: number) => i < 0 || i % size.agreeEvery === 0;
  await everyone(function agreements(i) {
    if (!agrees(i)) return undefined;
    const at = new Date(
      (i < 0 ? base - 31 * DAY_MS : joinedAt(i).getTime()) + 60_000 + (Math.max(0, i) % 3600) * 1000,
    );
    const interactionId = String(1_460_000_000_000_000_000n + BigInt(i + 1));
    const data: InteractionComponent = {
      interactionId,
      token: `bench-${interactionId}`,
      applicationId: APPLICATION_ID,
      userId: id(i),
      username: `member${i}`,
      channelId: view.channels.find((c) => c.name === 'rules')!.id,
      roleIds: [],
      permissions: '0',
      customId: 'onboarding:agree',
      componentType: 2,
      values: [],
      messageId: '1460000000000000000',
    };
    return {
      subject: componentSubject(g, 'onboarding'),
      envelope: envelope({
        id: interactionId,
        type: 'interaction.component',
        guildId: g,
        occurredAt: at,
        source: 'bench',
        data,
      }),
    };
  });

  // Round r: every member with more than r messages posts once; 61 s apart, so each one earns XP.
  const general = view.channels.find((c) => c.name === 'general')!.id;
  const count = (i: number) => (i < 0 ? 10 : messagesOf(i, size.members));
  const posts: { i: number; r: number }[] = [];
  for (let r = 0; r < 45; r++) for (let i = -1; i < size.members; i++) if (r < count(i)) posts.push({ i, r });
  await publishAll(publisher, 'dashboard: messages', posts.length, (k) => {
    const { i, r } = posts[k];
    const messageId = String(1_450_000_000_000_000_000n + BigInt(k));
    const data: MessageCreated = {
      messageId,
      channelId: general,
      userId: id(i),
      roleIds: [],
      bot: false,
      displayName: i < 0 ? 'Bench Mod' : `member${i}`,
    };
    const occurredAt = new Date(base + r * 61_000 + (i + 1));
    return {
      subject: discordSubject(g, 'message.created'),
      envelope: envelope({
        id: messageId,
        type: 'message.created',
        guildId: g,
        occurredAt,
        source: 'bench',
        data,
      }),
    };
  });
  await settle('dashboard: xp, roles, onboarding applying');

  const agreed = [-1];
  for (let i = 0; agreed.length < size.quizzes && i < size.members; i += size.agreeEvery) agreed.push(i);
  await passQuizzes(run, g, agreed.map(id));
  await settle('dashboard: quizzes applied');

  return { guildId: g, moderatorId: mod, lastMemberId: await lastPlace(run, g), members: size.members };
}

/** Who is last on the leaderboard, as xp serves it (the most members ahead: the dearest position to count). */
async function lastPlace(run: PlatformRun, guildId: string): Promise<string> {
  const board = (offset: number) =>
    httpJson(
      'GET',
      `http://127.0.0.1:${run.ports.xp}/guilds/${guildId}/leaderboard?limit=1&offset=${offset}`,
    );
  const { total } = (await board(0)).body as { total: number };
  const last = (await board(total - 1)).body as { entries: { userId: string }[] };
  if (!last.entries[0]) throw new Error(`xp serves no member at position ${total} of ${total}`);
  return last.entries[0].userId;
}

async function simGuild(run: PlatformRun): Promise<SimGuildView> {
  const roles = [
    { name: 'Mods', permissions: MANAGE_GUILD, color: 0x3498db },
    { name: 'Pre-Member' },
    { name: 'Member', color: 0x2ecc71 },
    { name: 'Artist', color: 0xe67e22 },
    { name: 'Gamer', color: 0x9b59b6 },
    { name: 'Veteran', color: 0xf1c40f },
  ];
  const created = await run.sim('POST', '/guilds', {
    name: 'Bench Hall',
    ownerName: 'bench-owner',
    channels: ['general', 'rules'],
    roles,
  });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`the simulator refused the guild: ${created.status} ${JSON.stringify(created.body)}`);
  return (await run.sim('GET', `/guilds/${created.body.id}`)).body as SimGuildView;
}

/** What the gateway sends when it receives the guild. */
function guildSynced(view: SimGuildView, members: number): OutgoingMessage {
  const botUserId = view.roles.find((r) => r.tags?.bot_id)?.tags?.bot_id;
  if (!botUserId || !view.botRoleId) throw new Error('the simulated guild has no bot role');
  const data: GuildSynced = {
    name: view.name,
    ownerId: view.ownerId,
    botUserId,
    botRoleIds: [view.botRoleId],
    roles: view.roles.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      permissions: String(r.permissions),
      managed: r.managed,
      color: r.color,
    })),
    memberCount: members,
  };
  const at = new Date();
  return {
    subject: discordSubject(view.id, 'guild.synced'),
    envelope: envelope({
      id: `${view.id}:synced:${at.getTime()}`,
      type: 'guild.synced',
      guildId: view.id,
      occurredAt: at,
      source: 'bench',
      data,
    }),
  };
}

/** Rules gate set up, a role catalog and a reward table, as a moderator would in the dashboard. */
async function configure(run: PlatformRun, view: SimGuildView, mod: string): Promise<void> {
  const g = view.id;
  const role = (name: string) => view.roles.find((r) => r.name === name)!.id;
  const token = (service: 'onboarding' | 'roles') =>
    signServiceToken(run.authSecret, { sub: mod, guildId: g, role: 'moderator', aud: service }, 900);
  const call = async (
    service: 'onboarding' | 'roles',
    method: string,
    path: string,
    body: unknown,
    ok = [200, 201, 202],
  ) => {
    const res = await httpJson(
      method,
      `http://127.0.0.1:${run.ports[service]}/guilds/${g}${path}`,
      body,
      token(service),
    );
    if (!ok.includes(res.status))
      throw new Error(`${service} ${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await call('onboarding', 'PUT', '/setup', {
    rulesChannelId: view.channels.find((c) => c.name === 'rules')!.id,
    preMemberRoleId: role('Pre-Member'),
    memberRoleId: role('Member'),
    modRoleId: role('Mods'),
    createMissingRoles: false,
  });
  const category = await waitUntil('a writable catalog', async () => {
    const res = await httpJson(
      'POST',
      `http://127.0.0.1:${run.ports.roles}/guilds/${g}/catalog/categories`,
      { name: 'Interests' },
      token('roles'),
    );
    return res.status === 201 && (res.body.id as string);
  });
  for (const name of ['Artist', 'Gamer'])
    await call('roles', 'POST', '/catalog/roles', { roleId: role(name), categoryId: category });
  // Level 60 is out of every bench member's reach: the table shows, no grant floods the outbox.
  await call('roles', 'PUT', '/rewards', {
    mode: 'stack',
    rewards: [{ level: 60, roleIds: [role('Veteran')] }],
  });
}

/** Publishes `total` envelopes made by `make` (undefined skips one), 10,000 at a time, with progress. */
async function publishAll(
  publisher: Publisher,
  label: string,
  total: number,
  make: (k: number) => OutgoingMessage | undefined,
): Promise<void> {
  let chunk: OutgoingMessage[] = [];
  for (let k = 0; k < total; k++) {
    const m = make(k);
    if (m) chunk.push(m);
    if (chunk.length === 10_000 || k === total - 1) {
      await publisher.publishMany(chunk);
      chunk = [];
      progress(label, k + 1, total);
    }
  }
  progressDone();
}

/**
 * The first member's first attempt (every answer 0) learns each question's right choice from the
 * grading, as a member who reads the explanations would; then every member passes every quiz.
 */
async function passQuizzes(run: PlatformRun, guildId: string, userIds: string[]): Promise<void> {
  const base = `http://127.0.0.1:${run.ports.onboarding}/guilds/${guildId}`;
  const member = (u: string) =>
    signServiceToken(run.authSecret, { sub: u, guildId, role: 'member', aud: 'onboarding' }, 900);
  const lessons = (await httpJson('GET', `${base}/lessons`, undefined, member(userIds[0]))).body as {
    lessons: { ruleId: string }[];
  };
  const answers = new Map<string, { questionId: string; choice: number }[]>();
  for (const { ruleId } of lessons.lessons) {
    const quiz = (await httpJson('GET', `${base}/quizzes/${ruleId}`, undefined, member(userIds[0]))).body as {
      questions: { id: string }[];
    };
    const probe = await httpJson(
      'POST',
      `${base}/members/${userIds[0]}/quizzes/${ruleId}/attempts`,
      { answers: quiz.questions.map((q) => ({ questionId: q.id, choice: 0 })) },
      member(userIds[0]),
    );
    if (probe.status !== 201 && probe.status !== 200)
      throw new Error(`quiz attempt refused: ${probe.status} ${JSON.stringify(probe.body)}`);
    answers.set(
      ruleId,
      (probe.body.results as { questionId: string; correctChoice: number }[]).map((r) => ({
        questionId: r.questionId,
        choice: r.correctChoice,
      })),
    );
  }
  let done = 0;
  const jobs = userIds.flatMap((u) => [...answers].map(([ruleId, a]) => ({ u, ruleId, a })));
  const worker = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const res = await httpJson(
        'POST',
        `${base}/members/${job.u}/quizzes/${job.ruleId}/attempts`,
        { answers: job.a },
        member(job.u),
      );
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`quiz attempt refused: ${res.status} ${JSON.stringify(res.body)}`);
      progress('dashboard: quizzes', ++done, userIds.length * answers.size);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  progressDone();
}

import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { SimControl } from '../control/sim-control';
import type { GuildView } from '../control/control-views';
import { type AgreementOptions, DemoAgreements } from './demo-agreements';
import { CHANNEL_WEIGHTS, chatterLine, introductionLine } from './demo-chatter';
import { demoPeople } from './demo-names';
import { SeededRandom } from './seeded-random';

export interface DemoOptions {
  members?: number;
  messagesPerSecond?: number;
  seed?: number;
  /** Mean time between a join or a leave. */
  churnEveryMs?: number;
  /** 'bot-connected' (default): chatter waits for a gateway session; 'now': starts at once. */
  startWhen?: 'bot-connected' | 'now';
  /** Newcomers (and the Pre-Members of the start) who press the bot's I Agree, and after how long. */
  agreements?: Partial<AgreementOptions>;
}

interface DemoHost extends SimControl {
  waitForBot(shardId?: number, timeoutMs?: number): Promise<void>;
}

/** Newcomers who arrive in the demo's first minute or so, one every few seconds. */
const WELCOME_WAVE = 8;
const WELCOME_WAVE_EVERY_MS = 5_000;
const TICK_MS = 200;
const DAY_MS = 86_400_000;

/**
 * "Guildhall Demo": a guild with a few hundred members, a skewed set of regulars who post most
 * of the messages, and occasional joins and leaves. Everything is drawn from a seeded PRNG;
 * ids and timestamps are real time, so they differ between runs.
 */
export class DemoCommunity {
  readonly guild: GuildView;
  private readonly random: SeededRandom;
  private readonly options: Required<Omit<DemoOptions, 'agreements'>>;
  private readonly agreements: DemoAgreements;
  private readonly activeIds: string[] = [];
  private cumulative: number[] = [];
  private channels: { id: string; name: string }[] = [];
  private channelCumulative: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private joined = 0;
  private welcomeWaveLeft = WELCOME_WAVE;
  messagesPosted = 0;

  constructor(
    private readonly host: DemoHost,
    options: DemoOptions = {},
  ) {
    this.options = {
      members: options.members ?? 300,
      messagesPerSecond: options.messagesPerSecond ?? 5,
      seed: options.seed ?? 42,
      churnEveryMs: options.churnEveryMs ?? 45_000,
      startWhen: options.startWhen ?? 'bot-connected',
    };
    this.random = new SeededRandom(this.options.seed);
    this.guild = this.build();
    this.agreements = new DemoAgreements(host, this.guild.id, this.random, {
      share: 0.8,
      minDelayMs: 8_000,
      maxDelayMs: 90_000,
      ...options.agreements,
    });
    // Members still waiting at the start agree too, once the server is set up and the rules message is up.
    const preMember = this.guild.roles.find((r) => r.name === 'Pre-Member')?.id;
    for (const m of this.host.getGuild(this.guild.id).members)
      if (preMember && m.roles.includes(preMember) && m.user) this.agreements.expect(m.user.id);
  }

  private build(): GuildView {
    const created = this.host.createGuild({
      name: 'Guildhall Demo',
      ownerName: 'ada.lovelace',
      channels: [
        { name: 'rules', topic: 'Read these first', category: 'Start Here' },
        { name: 'introductions', topic: 'Tell us about yourself', category: 'Start Here' },
        { name: 'general', topic: 'Say hi!', category: 'Community' },
        { name: 'art', topic: 'Share what you make', category: 'Community' },
        { name: 'gaming', topic: 'LFG and game talk', category: 'Community' },
        { name: 'off-topic', category: 'Community' },
        { name: 'bot-spam', topic: 'Commands go here', category: 'Bots' },
      ],
      roles: [
        { name: 'Pre-Member', color: 0x95a5a6 },
        { name: 'Member', color: 0x3498db },
        { name: 'Artist', color: 0xe91e63, mentionable: true },
        { name: 'Gamer', color: 0x2ecc71, mentionable: true },
        { name: 'Regular', color: 0xf1c40f, hoist: true },
        {
          name: 'Moderator',
          color: 0xe67e22,
          hoist: true,
          permissions:
            PermissionFlagsBits.ManageMessages |
            PermissionFlagsBits.KickMembers |
            PermissionFlagsBits.ModerateMembers |
            PermissionFlagsBits.ManageGuild,
        },
        {
          name: 'Admin',
          color: 0xe74c3c,
          hoist: true,
          permissions: PermissionFlagsBits.Administrator,
          aboveBot: true,
        },
      ],
    });
    const role = (name: string) => created.roles.find((r) => r.name === name)?.id ?? '';
    this.host.updateMember(created.id, created.ownerId, { roles: [role('Admin')] });
    const now = Date.now();
    const people = demoPeople(this.random, this.options.members);
    people.forEach((person, i) => {
      const roles = [this.random.chance(0.06) ? role('Pre-Member') : role('Member')];
      if (this.random.chance(0.2)) roles.push(role('Artist'));
      if (this.random.chance(0.35)) roles.push(role('Gamer'));
      if (i < 3) roles.push(role('Moderator'));
      const member = this.host.addMember(created.id, {
        username: person.username,
        globalName: person.globalName,
        roles,
        joinedAt: new Date(now - (this.random.int(400) + 1) * DAY_MS).toISOString(),
      });
      this.activeIds.push(member.user.id);
    });
    // A Zipf-like skew: the first few regulars post most of the messages.
    let total = 0;
    this.cumulative = this.activeIds.map((_, i) => (total += 1 / Math.pow(i + 1, 1.1)));
    this.channels = created.channels
      .filter((c) => CHANNEL_WEIGHTS[c.name])
      .map((c) => ({ id: c.id, name: c.name }));
    let channelTotal = 0;
    this.channelCumulative = this.channels.map((c) => (channelTotal += CHANNEL_WEIGHTS[c.name]));
    return this.host.getGuild(created.id, false);
  }

  start(): void {
    if (this.options.startWhen === 'now') return this.run();
    this.host.waitForBot(undefined, 2 ** 31 - 1).then(
      () => this.run(),
      () => undefined,
    );
  }

  private run(): void {
    if (this.stopped || this.timer) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  private tick(): void {
    const expected = (this.options.messagesPerSecond * TICK_MS) / 1000;
    let count = Math.floor(expected);
    if (this.random.chance(expected - count)) count++;
    for (let i = 0; i < count; i++) this.chat();
    if (this.random.chance(TICK_MS / this.options.churnEveryMs)) this.churn();
    // A first run should show the onboarding funnel moving within a minute, not after the first churn.
    if (this.welcomeWaveLeft > 0 && this.random.chance(TICK_MS / WELCOME_WAVE_EVERY_MS)) {
      this.welcomeWaveLeft--;
      this.join();
    }
    this.agreements.tick();
  }

  private chat(): void {
    if (this.activeIds.length === 0) return;
    const authorId = this.activeIds[this.random.weighted(this.cumulative)];
    const channel = this.channels[this.random.weighted(this.channelCumulative)];
    try {
      this.host.postMessage({
        channelId: channel.id,
        authorId,
        content: chatterLine(this.random, channel.name),
      });
      this.messagesPosted++;
    } catch {
      // The author may have left a moment ago; the next tick picks someone else.
    }
  }

  private churn(): void {
    const guildId = this.guild.id;
    if (this.random.chance(0.65)) return this.join();
    // Leavers come from the quiet tail, so the regulars (and the cumulative weights) stay put.
    const index =
      this.activeIds.length - 1 - this.random.int(Math.max(1, Math.floor(this.activeIds.length / 3)));
    const [userId] = this.activeIds.splice(index, 1);
    this.cumulative.splice(index, 1);
    if (userId) this.host.removeMember(guildId, userId);
  }

  /** A newcomer joins, may introduce themselves, and (usually) agrees to the rules a little later. */
  private join(): void {
    const [person] = demoPeople(this.random, 1);
    const member = this.host.addMember(this.guild.id, {
      username: `${person.username}${++this.joined}`,
      globalName: person.globalName,
      roles: [],
    });
    this.agreements.expect(member.user.id);
    const intro = this.channels.find((c) => c.name === 'introductions');
    if (intro && this.random.chance(0.5))
      this.host.postMessage({
        channelId: intro.id,
        authorId: member.user.id,
        content: introductionLine(this.random),
      });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status() {
    return {
      guildId: this.guild.id,
      running: this.timer !== null,
      messagesPosted: this.messagesPosted,
      members: this.host.getGuild(this.guild.id, false).memberCount,
      agreeClicks: this.agreements.clicks,
    };
  }
}

import type { DiscordSimulator } from '@guildhall/discord-sim';
import type { Community } from './community';
import type { SentJoin, SentMessage } from './sent';

/** Simulated time between one member's messages: past xp's 60 s cooldown, so each earns XP. */
export const MESSAGE_GAP_MS = 61_000;

export interface LoadOptions {
  /** Real time between rounds; a round is one message from every chatter. */
  tickMs: number;
  /** A newcomer joins every this many rounds (0: never). */
  joinEveryRounds: number;
}

/**
 * Chatters talking at a steady rate, one round per tick, with a newcomer now and then. Each
 * phase gets a quota of rounds: a run's totals are then the same however long its faults take to
 * heal, and a phase whose quota is done before the platform caught up waits quietly.
 */
export class SteadyLoad {
  readonly messages: SentMessage[] = [];
  readonly joins: SentJoin[] = [];
  private readonly counts: number[];
  /** Early enough that a long run's simulated clock stays in the past. */
  private readonly t0 = Date.now() - 3 * 86_400_000;
  private phase = 0;
  private quota = 0;
  private rounds = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sim: DiscordSimulator,
    private readonly community: Community,
    private readonly options: LoadOptions,
  ) {
    this.counts = community.chatters.map(() => 0);
  }

  get roundsLeft(): number {
    return this.quota;
  }

  get phaseDone(): boolean {
    return this.quota === 0;
  }

  /** From now on what is said counts for `phase`, `rounds` rounds of it. */
  beginPhase(phase: number, rounds: number): void {
    this.phase = phase;
    this.quota = rounds;
  }

  /** Member i says `messages(i)` messages at once: a history that spreads their level-ups over the run. */
  headStart(messages: (member: number) => number): void {
    this.community.chatters.forEach((_, i) => {
      for (let k = 0; k < messages(i); k++) this.say(i);
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.round(), this.options.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private round(): void {
    if (this.quota === 0) return;
    this.quota--;
    this.rounds++;
    this.community.chatters.forEach((_, i) => this.say(i));
    const every = this.options.joinEveryRounds;
    if (every > 0 && this.rounds % every === 0) this.join();
  }

  private say(member: number): void {
    const count = ++this.counts[member];
    // The member's index in the milliseconds keeps every timestamp, and so every id, distinct.
    const at = this.t0 + count * MESSAGE_GAP_MS + member;
    const { guildId, chatChannelId, chatters } = this.community;
    const userId = chatters[member];
    const { id } = this.sim.postMessage({
      guildId,
      channelId: chatChannelId,
      authorId: userId,
      content: `message ${count}`,
      timestamp: new Date(at).toISOString(),
    });
    this.messages.push({ id, userId, count, at, phase: this.phase, sentAt: Date.now() });
  }

  private join(): void {
    const username = `newcomer${this.joins.length}`;
    const userId = this.sim.addMember(this.community.guildId, { username }).user!.id;
    this.joins.push({ userId, phase: this.phase, sentAt: Date.now() });
  }
}

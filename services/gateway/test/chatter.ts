import type { DiscordSimulator, GuildView } from '@guildhall/discord-sim';

/** Members keep chatting in a guild, one message every `everyMs`, in order; `posted` is what Discord sent. */
export class Chatter {
  readonly posted: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly sim: DiscordSimulator,
    private readonly guild: GuildView,
    private readonly members: string[],
  ) {}
  start(everyMs = 10): void {
    this.timer = setInterval(() => this.post(1), everyMs);
  }
  post(n: number): void {
    for (let i = 0; i < n; i++) {
      const authorId = this.members[this.posted.length % this.members.length];
      this.posted.push(this.sim.postMessage({ channelId: this.guild.channels[0].id, authorId }).id);
    }
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** What a consumer of DISCORD would notice: every message Discord sent, once, in the order sent. */
export function expectExactlyOnceInOrder(streamed: string[], posted: string[]): void {
  const missing = posted.filter((id) => !streamed.includes(id));
  const counts = new Map<string, number>();
  for (const id of streamed) counts.set(id, (counts.get(id) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1);
  expect({ missing: missing.length, duplicated: twice.length }).toEqual({ missing: 0, duplicated: 0 });
  expect(streamed).toEqual(posted);
}

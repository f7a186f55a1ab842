import type { DiscordSimulator } from '@guildhall/discord-sim';
import { callKey, repeatGuard, type CallChannels } from './discord-calls';
import type { MadeCall } from './sent';

/** The simulator's record of REST calls from a point on, each named and given the phase it came in. */
export class DiscordCallLog {
  private readonly made: MadeCall[] = [];
  private lastSeq: number;
  private phase = 0;

  constructor(
    private readonly sim: DiscordSimulator,
    private readonly channels: CallChannels,
  ) {
    // What the setup did is not the load's doing.
    this.lastSeq = sim.calls().at(-1)?.seq ?? 0;
  }

  get all(): readonly MadeCall[] {
    return this.made;
  }

  /** Files what came in so far under the current phase, then switches to `phase`. */
  beginPhase(phase: number): void {
    this.refresh();
    this.phase = phase;
  }

  refresh(): void {
    for (const call of this.sim.calls()) {
      if (call.seq <= this.lastSeq) continue;
      this.lastSeq = call.seq;
      const key = callKey(call, this.channels);
      if (key) this.made.push({ key, phase: this.phase, at: Date.parse(call.at), guard: repeatGuard(call) });
    }
  }
}

/**
 * Spaces one lane's Discord requests evenly at a set rate. discord.js holds every request of
 * the bot to Discord's global budget (50 a second) in one queue, so a lane that could fill it
 * (level-up announcements after a busy hour) would make role changes wait for the next
 * second. Capping that lane below the budget keeps the rest of it free for the other lanes.
 */
export class RequestPacer {
  private readonly intervalMs: number;
  private nextSlot = -Infinity;

  constructor(
    perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(perSecond > 0)) throw new RangeError('a pacer needs a positive rate');
    this.intervalMs = 1000 / perSecond;
  }

  /** Books the next free slot and returns how long to wait for it (0: go now). */
  reserve(): number {
    const t = this.now();
    const slot = Math.max(t, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    return slot - t;
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.sleep(wait);
  }
}

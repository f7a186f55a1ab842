/** Sleeps that wake() cuts short, so stop() never waits out a poll interval and no timer outlives it. */
export class Sleeper {
  private readonly sleeping = new Set<() => void>();
  private woken = false;

  sleep(ms: number): Promise<void> {
    if (this.woken) {
      // A wake() that came while nobody slept must not be lost: skip this sleep.
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleeping.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeping.add(done);
    });
  }

  /** Ends every current sleep, or the next one if none is in progress. */
  wake(): void {
    if (this.sleeping.size === 0) {
      this.woken = true;
      return;
    }
    for (const done of [...this.sleeping]) done();
  }
}

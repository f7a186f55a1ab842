import { RequestPacer } from './request-pacer';

describe('RequestPacer', () => {
  it('lets the first request go at once and spaces a burst evenly over the second', () => {
    let now = 10_000;
    const pacer = new RequestPacer(40, () => now);
    const waits = Array.from({ length: 41 }, () => pacer.reserve());
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBeCloseTo(25);
    expect(waits[40]).toBeCloseTo(1000);
    now += 5000;
    expect(pacer.reserve()).toBe(0);
  });

  it('never lets more than its rate through in any second, however callers arrive', () => {
    let now = 0;
    const pacer = new RequestPacer(40, () => now);
    const sent: number[] = [];
    for (let i = 0; i < 200; i++) {
      now += i % 3 === 0 ? 0 : 7;
      sent.push(now + pacer.reserve());
    }
    for (const start of sent)
      expect(sent.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(40);
  });

  it('waits through the given sleep', async () => {
    const slept: number[] = [];
    const pacer = new RequestPacer(
      10,
      () => 0,
      async (ms) => void slept.push(ms),
    );
    await pacer.take();
    await pacer.take();
    expect(slept).toEqual([100]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RequestPacer(0)).toThrow(RangeError);
  });
});

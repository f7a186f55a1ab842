import { partitionOf } from '@guildhall/contracts';
import { assignPartitions } from '@guildhall/eventing';
import {
  balanceTable,
  largestGuildBound,
  largestShare,
  maxOverMean,
  replicaIds,
  replicaLoads,
  seededRandom,
  snowflakeId,
  zipfGuilds,
  zipfSizes,
} from './partition-balance';

const DISCORD_EPOCH = 1_420_070_400_000;

describe('Zipf-sized guilds', () => {
  it('gives the k-th largest of n guilds largest / k members, never fewer than one', () => {
    expect(zipfSizes(5, 1200)).toEqual([1200, 600, 400, 300, 240]);
    expect(zipfSizes(4, 100, 2)).toEqual([100, 25, 11, 6]);
    expect(zipfSizes(3000, 1000).at(-1)).toBe(1);
  });

  it('with exponent 1, the largest of 10,000 guilds carries 1 / H(10,000), about a tenth of the load', () => {
    const guilds = zipfGuilds(10_000, 500_000, seededRandom(1));
    expect(largestShare(guilds)).toBeCloseTo(0.102, 3);
  });

  it('names guilds with distinct snowflakes from after Discord’s epoch, the same ones for the same seed', () => {
    const ids = zipfGuilds(1000, 1000, seededRandom(7)).map((g) => g.id);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^\d{15,19}$/);
      expect(Number(BigInt(id) >> 22n) + DISCORD_EPOCH).toBeLessThan(Date.UTC(2025, 0, 1));
    }
    expect(snowflakeId(seededRandom(7))).toBe(ids[0]);
  });
});

describe('max/mean load per replica', () => {
  it('is 1 for an even spread and counts idle replicas in the mean', () => {
    expect(maxOverMean([3, 3, 3, 3])).toBe(1);
    expect(maxOverMean([6, 2])).toBe(1.5);
    expect(maxOverMean([4, 0, 0, 0])).toBe(4);
  });

  it('can never beat the largest guild, which one replica carries whole', () => {
    const guilds = [
      { id: '1', size: 50 },
      { id: '2', size: 30 },
      { id: '3', size: 20 },
    ];
    expect(largestGuildBound(guilds, 4)).toBe(2);
    // With one replica per half of the load the largest guild fits: the floor is perfect balance.
    expect(largestGuildBound(guilds, 2)).toBe(1);
  });
});

describe('replica loads', () => {
  const guilds = zipfGuilds(2000, 10_000, seededRandom(3));
  const total = guilds.reduce((a, g) => a + g.size, 0);

  it('puts each guild on the replica that owns its partition, as the replicas compute it', () => {
    const replicas = replicaIds(5, seededRandom(4));
    const owner = new Map<number, string>();
    for (const [r, ps] of assignPartitions(replicas, 16)) for (const p of ps) owner.set(p, r);
    const expected = new Map(replicas.map((r) => [r, 0]));
    for (const g of guilds) {
      const r = owner.get(partitionOf(g.id, 16))!;
      expected.set(r, expected.get(r)! + g.size);
    }
    expect(replicaLoads(guilds, 16, replicas)).toEqual(replicas.map((r) => expected.get(r)));
  });

  it('applies every guild exactly once, and replicas beyond the partitions carry nothing', () => {
    const loads = replicaLoads(guilds, 4, replicaIds(6, seededRandom(5)));
    expect(loads.reduce((a, b) => a + b, 0)).toBe(total);
    expect(loads.filter((l) => l === 0)).toHaveLength(2);
  });
});

describe('the balance table', () => {
  it('has a cell per replica and partition count, the median never above the worst, idle replicas counted', () => {
    const table = balanceTable({
      guilds: 1000,
      largest: 1000,
      partitionCounts: [4, 16],
      replicaCounts: [2, 8],
      draws: 3,
      seed: 1,
    });
    expect(table.cells.map((c) => [c.replicas, c.partitions, c.idle])).toEqual([
      [2, 4, 0],
      [2, 16, 0],
      [8, 4, 4],
      [8, 16, 0],
    ]);
    for (const c of table.cells) {
      expect(c.median).toBeGreaterThanOrEqual(table.bounds.get(c.replicas)!);
      expect(c.worst).toBeGreaterThanOrEqual(c.median);
    }
  });
});

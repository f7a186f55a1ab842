import { assignPartitions } from './partition-assignment';

const members = (n: number) => Array.from({ length: n }, (_, i) => `replica-${i}:${1000 + i}`);

function owners(assignment: Map<string, number[]>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [m, ps] of assignment) for (const p of ps) out.set(p, m);
  return out;
}

describe('assignPartitions', () => {
  it('gives every partition to exactly one member', () => {
    for (const n of [1, 2, 3, 5, 16, 20]) {
      const a = assignPartitions(members(n), 16);
      const all = [...a.values()].flat().sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: 16 }, (_, i) => i));
    }
  });

  it('keeps every member within one partition of another', () => {
    for (const n of [2, 3, 5, 7]) {
      const sizes = [...assignPartitions(members(n), 16).values()].map((ps) => ps.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('is the same whatever order the members are listed in', () => {
    const m = members(4);
    expect(assignPartitions([...m].reverse(), 16)).toEqual(assignPartitions(m, 16));
  });

  it('moves only a share of the partitions when a member joins or leaves', () => {
    const before = owners(assignPartitions(members(3), 64));
    const joined = owners(assignPartitions(members(4), 64));
    const moved = [...before].filter(([p, m]) => joined.get(p) !== m).length;
    // A fourth member must take a quarter (16); a naive modulo would move about three quarters.
    expect(moved).toBeLessThan(28);
    const left = owners(assignPartitions(members(3).slice(1), 64));
    const movedOnLeave = [...before].filter(([p, m]) => left.get(p) !== m && m !== members(3)[0]).length;
    expect(movedOnLeave).toBeLessThan(12);
  });

  it('assigns nothing when no member is alive', () => {
    expect(assignPartitions([], 16).size).toBe(0);
  });
});

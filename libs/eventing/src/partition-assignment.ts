/**
 * Which replica applies which partition: every replica computes this from the same list of live
 * members, so they agree without talking to each other. Highest-random-weight (rendezvous)
 * hashing with a cap: a partition goes to the member that ranks it highest among those not yet
 * holding their share (⌊P/N⌋, or one more for P mod N of them). Without the cap 16 partitions
 * over 3 members land 8/5/3 often enough to matter; with it no member holds more than one above
 * another. A member joining or
 * leaving moves few partitions, so a hand-over pauses only a share of the guilds.
 */
export function assignPartitions(members: readonly string[], count: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const live = [...new Set(members)].sort();
  for (const m of live) out.set(m, []);
  if (live.length === 0) return out;
  // ⌊P/N⌋ each, and P mod N of them one more.
  const floor = Math.floor(count / live.length);
  let extra = count % live.length;
  for (let p = 0; p < count; p++) {
    let best: string | undefined;
    let bestWeight = -1;
    for (const m of live) {
      const held = (out.get(m) as number[]).length;
      if (held > floor || (held === floor && extra === 0)) continue;
      const w = weight(m, p);
      if (w > bestWeight || (w === bestWeight && best !== undefined && m < best)) {
        best = m;
        bestWeight = w;
      }
    }
    const held = out.get(best as string) as number[];
    if (held.length === floor) extra--;
    held.push(p);
  }
  return out;
}

/** A 32-bit mix of (member, partition): FNV-1a over the member id, then the partition through murmur's finalizer. */
function weight(member: string, partition: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < member.length; i++) {
    h ^= member.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.imul(partition + 1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

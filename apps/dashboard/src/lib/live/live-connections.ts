/**
 * How many live-update streams one process holds open, per client address, per signed-in member
 * and in all. Each stream holds three NATS subscriptions and a timer for as long as the browser
 * keeps it. Counted in this process, not in a shared store: a stream lives and ends in the one
 * process that accepted it, so each replica bounds what it holds (n replicas: n × these).
 */
export interface LiveLimits {
  perAddress: number;
  perMember: number;
  total: number;
}

/** A member with a few tabs open on a few guilds; a household or office behind one address. */
export const LIVE_LIMITS: LiveLimits = { perAddress: 20, perMember: 10, total: 2000 };

export type LiveSlot = { ok: true; release: () => void } | { ok: false; message: string };

export class LiveConnections {
  private readonly byAddress = new Map<string, number>();
  private readonly byMember = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: LiveLimits = LIVE_LIMITS) {}

  /** A slot for one stream, or why there is none; `release` may be called any number of times. */
  acquire(address: string, memberId: string | undefined): LiveSlot {
    const { perAddress, perMember, total } = this.limits;
    if (this.open >= total) return refuse(`this server already holds ${total} live streams`);
    if ((this.byAddress.get(address) ?? 0) >= perAddress)
      return refuse(`at most ${perAddress} live streams per address`);
    if (memberId !== undefined && (this.byMember.get(memberId) ?? 0) >= perMember)
      return refuse(`at most ${perMember} live streams per member`);
    this.open++;
    bump(this.byAddress, address, 1);
    if (memberId !== undefined) bump(this.byMember, memberId, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.open--;
        bump(this.byAddress, address, -1);
        if (memberId !== undefined) bump(this.byMember, memberId, -1);
      },
    };
  }

  get size(): number {
    return this.open;
  }
}

function refuse(reason: string): LiveSlot {
  return {
    ok: false,
    message: `Too many live-update connections: ${reason}. Close another tab or try again later.`,
  };
}

/** Counts drop to nothing, not to 0: the maps hold only addresses and members with open streams. */
function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

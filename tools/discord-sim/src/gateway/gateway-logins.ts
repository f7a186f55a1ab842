/**
 * One IDENTIFY or RESUME as the gateway received it. Discord counts identifies against the bot
 * (max_concurrency per 5 s per bucket, a daily total); a RESUME costs nothing, so tests of a
 * bot's sharding read what it chose, and when, from here.
 */
export interface GatewayLogin {
  op: 'identify' | 'resume';
  /** [shard_id, shard_count]; for a RESUME the session's, null when the session is unknown. */
  shard: [number, number] | null;
  sessionId: string | null;
  /** Epoch ms at arrival. */
  at: number;
  /** ready: a new session; resumed: replayed `replayed` dispatches; invalid: op 9; refused: closed (bad token, shard). */
  outcome: 'ready' | 'resumed' | 'invalid' | 'refused';
  replayed: number;
}

export interface LoginFilter {
  op?: GatewayLogin['op'];
  shardId?: number;
  /** Only those at or after this epoch ms. */
  since?: number;
}

/** Discord's session start budget is per day. */
const DAY_MS = 24 * 3600_000;

/** The gateway's logins, oldest first, the last `max` of them. */
export class LoginLog {
  private readonly logins: GatewayLogin[] = [];
  /** When each new session of the last day started, oldest first. */
  private readonly started: number[] = [];

  constructor(private readonly max = 10_000) {}

  record(login: Omit<GatewayLogin, 'at'>): void {
    const at = Date.now();
    if (login.op === 'identify' && login.outcome === 'ready') this.started.push(at);
    this.logins.push({ ...login, at });
    if (this.logins.length > this.max) this.logins.splice(0, this.logins.length - this.max);
  }

  /** Sessions started in the last day: what /gateway/bot's `remaining` is counted down by. */
  get sessionsStarted(): number {
    const since = Date.now() - DAY_MS;
    while (this.started.length > 0 && this.started[0] < since) this.started.shift();
    return this.started.length;
  }

  list(filter: LoginFilter = {}): GatewayLogin[] {
    return this.logins.filter(
      (l) =>
        (filter.op === undefined || l.op === filter.op) &&
        (filter.shardId === undefined || l.shard?.[0] === filter.shardId) &&
        (filter.since === undefined || l.at >= filter.since),
    );
  }

  clear(): void {
    this.logins.length = 0;
  }
}

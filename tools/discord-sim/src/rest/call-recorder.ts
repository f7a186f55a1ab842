import { methodMatches, pathMatches, type PathPattern } from './path-filter';

export interface RecordedCall {
  seq: number;
  at: string;
  method: string;
  /** As requested, e.g. /api/v10/guilds/1/members/2/roles/3 (no query string). */
  path: string;
  query: string;
  body: unknown;
  status: number;
  /** Set when the response came from an injected fault. */
  fault?: boolean;
}

export interface CallFilter {
  method?: string;
  path?: PathPattern;
}

/** Every REST call, newest last; the oldest are forgotten past `max`. */
export class CallRecorder {
  private calls: RecordedCall[] = [];
  private seq = 0;

  constructor(private readonly max = 20_000) {}

  record(call: Omit<RecordedCall, 'seq' | 'at'>): void {
    this.calls.push({ seq: ++this.seq, at: new Date().toISOString(), ...call });
    if (this.calls.length > this.max * 1.25) this.calls = this.calls.slice(-this.max);
  }

  list(filter: CallFilter = {}): RecordedCall[] {
    return this.calls.filter(
      (c) => methodMatches(c.method, filter.method) && pathMatches(c.path, filter.path),
    );
  }

  clear(): void {
    this.calls = [];
  }
}

import type { Reply } from '../http/router';
import { methodMatches, pathMatches, type PathPattern } from './path-filter';

export interface FaultInput {
  method?: string;
  path?: PathPattern;
  status: number;
  /** How many matching calls fail; default 1. */
  count?: number;
  body?: unknown;
  /** Seconds, for 429: sent as Retry-After and `retry_after`. */
  retryAfter?: number;
  global?: boolean;
}

export interface Fault extends FaultInput {
  id: number;
  remaining: number;
}

function defaultBody(fault: Fault): unknown {
  if (fault.status === 429) {
    return {
      message: 'You are being rate limited.',
      retry_after: fault.retryAfter ?? 0.05,
      global: fault.global ?? false,
    };
  }
  if (fault.status >= 500) return { message: `${fault.status}: Simulated server error`, code: 0 };
  return { message: 'Simulated failure', code: 0 };
}

/** Makes the next N matching REST calls fail, so retry and error paths can be tested. */
export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const fault: Fault = { ...input, id: this.nextId++, remaining: input.count ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.filter((f) => f.remaining > 0);
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one matching fault and returns its reply, or null to let the call through. */
  take(method: string, path: string): Reply | null {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && methodMatches(method, f.method) && pathMatches(path, f.path),
    );
    if (!fault) return null;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    const headers: Record<string, string> = {};
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter ?? 0.05;
      headers['Retry-After'] = String(retryAfter);
      headers['X-RateLimit-Remaining'] = '0';
      headers['X-RateLimit-Reset-After'] = String(retryAfter);
      headers['X-RateLimit-Scope'] = fault.global ? 'global' : 'user';
      if (fault.global) headers['X-RateLimit-Global'] = 'true';
    }
    return { status: fault.status, body: fault.body ?? defaultBody(fault), headers };
  }
}

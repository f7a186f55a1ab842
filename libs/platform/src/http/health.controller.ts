import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/route-access';
import { KIT, type PlatformKit } from '../kit/kit-token';
import type { SpineReport } from '../kit/spine-report';

export interface HealthReport {
  status: 'ok' | 'degraded';
  service: string;
  uptimeSeconds: number;
  checks: {
    database: { ok: boolean; latencyMs: number; error?: string };
    nats: { ok: boolean; latencyMs?: number; error?: string };
  };
  /** Consumers (lag, lease), outbox and dead letters, where the service runs them. */
  spine?: SpineReport | { error: string };
  /** Why the status is degraded, in words. */
  problems: string[];
}

/** Below the usual 5 s probe timeout, so a hung dependency shows as degraded rather than as no answer. */
const CHECK_TIMEOUT_MS = 2000;

@Controller()
export class HealthController {
  private readonly logger = new Logger('health');
  /** The last error logged per check, so a dependency that stays down is logged once, not per probe. */
  private readonly lastLogged = new Map<string, string>();

  constructor(@Inject(KIT) private readonly kit: PlatformKit) {}

  /**
   * 503 when a dependency (Postgres, NATS) does not answer, so load balancers and Kubernetes
   * probes need not parse the body. A spine past its thresholds (a consumer lagging, the outbox
   * waiting, rows set aside) is `degraded` with the reasons but still 200: restarting a pod for
   * a backlog would only make the backlog longer.
   */
  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [database, nats] = await Promise.all([this.checkDatabase(), this.checkNats()]);
    const problems: string[] = [];
    if (!database.ok) problems.push(`database: ${database.error}`);
    if (!nats.ok) problems.push(`nats: ${nats.error}`);
    let spine: HealthReport['spine'];
    if (this.kit.spine && database.ok && nats.ok) {
      try {
        spine = await withTimeout(this.kit.spine(), 'the spine report');
        problems.push(...spine.problems);
      } catch (e) {
        spine = { error: this.publicError('spine', e) };
      }
    }
    res.status(database.ok && nats.ok ? 200 : 503);
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      service: this.kit.config.service,
      uptimeSeconds: Math.round(process.uptime()),
      checks: { database, nats },
      ...(spine ? { spine } : {}),
      problems,
    };
  }

  private async checkDatabase(): Promise<HealthReport['checks']['database']> {
    const started = Date.now();
    try {
      await withTimeout(this.kit.pool.query('SELECT 1'), 'database');
      this.lastLogged.delete('database');
      return { ok: true, latencyMs: Date.now() - started };
    } catch (e) {
      return { ok: false, latencyMs: Date.now() - started, error: this.publicError('database', e) };
    }
  }

  private async checkNats(): Promise<HealthReport['checks']['nats']> {
    const { nc } = this.kit;
    if (nc.isClosed()) return { ok: false, error: 'connection closed' };
    const started = Date.now();
    try {
      // A flush is a PING/PONG round trip: it proves the server answers, not just that a socket is open.
      await withTimeout(nc.flush(), 'nats');
      this.lastLogged.delete('nats');
      return { ok: true, latencyMs: Date.now() - started };
    } catch (e) {
      return { ok: false, latencyMs: Date.now() - started, error: this.publicError('nats', e) };
    }
  }

  /**
   * /health is public (probes carry no token), and a driver's error names hosts, ports, users and
   * databases: the caller learns only that the dependency is down or slow; the log has the error.
   */
  private publicError(check: string, e: unknown): string {
    const message = (e as Error).message;
    if (this.lastLogged.get(check) !== message) {
      this.lastLogged.set(check, message);
      this.logger.warn(`${check} check failed: ${message}`);
    }
    return e instanceof CheckTimeout ? message : 'not reachable (the service log says why)';
  }
}

class CheckTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CheckTimeout(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

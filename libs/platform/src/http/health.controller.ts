import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/route-access';
import { KIT, type PlatformKit } from '../kit/kit-token';

export interface HealthReport {
  status: 'ok' | 'degraded';
  service: string;
  uptimeSeconds: number;
  checks: {
    database: { ok: boolean; latencyMs: number; error?: string };
    nats: { ok: boolean; latencyMs?: number; error?: string };
  };
}

/** Below the usual 5 s probe timeout, so a hung dependency shows as degraded rather than as no answer. */
const CHECK_TIMEOUT_MS = 2000;

@Controller()
export class HealthController {
  constructor(@Inject(KIT) private readonly kit: PlatformKit) {}

  /** 503 when degraded, so load balancers and Kubernetes probes need not parse the body. */
  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [database, nats] = await Promise.all([this.checkDatabase(), this.checkNats()]);
    const status = database.ok && nats.ok ? 'ok' : 'degraded';
    res.status(status === 'ok' ? 200 : 503);
    return {
      status,
      service: this.kit.config.service,
      uptimeSeconds: Math.round(process.uptime()),
      checks: { database, nats },
    };
  }

  private async checkDatabase(): Promise<HealthReport['checks']['database']> {
    const started = Date.now();
    try {
      await withTimeout(this.kit.pool.query('SELECT 1'), 'database');
      return { ok: true, latencyMs: Date.now() - started };
    } catch (e) {
      return { ok: false, latencyMs: Date.now() - started, error: (e as Error).message };
    }
  }

  private async checkNats(): Promise<HealthReport['checks']['nats']> {
    const { nc } = this.kit;
    if (nc.isClosed()) return { ok: false, error: 'connection closed' };
    const started = Date.now();
    try {
      // A flush is a PING/PONG round trip: it proves the server answers, not just that a socket is open.
      await withTimeout(nc.flush(), 'nats');
      return { ok: true, latencyMs: Date.now() - started };
    } catch (e) {
      return { ok: false, latencyMs: Date.now() - started, error: (e as Error).message };
    }
  }
}

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

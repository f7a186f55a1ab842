import { Controller, Get, Header, Inject } from '@nestjs/common';
import { prometheusContentType } from 'prom-client';
import { Public } from '../auth/route-access';
import { KIT, type PlatformKit } from '../kit/kit-token';
import { metrics } from './metrics';

@Controller()
export class MetricsController {
  constructor(@Inject(KIT) private readonly kit: PlatformKit) {}

  /**
   * The spine's gauges (consumer lag, outbox age) are measured per scrape, not on a timer: their
   * queries cost the broker something on a large backlog, and only as often as someone looks.
   */
  @Public()
  @Get('metrics')
  @Header('Content-Type', prometheusContentType)
  async scrape(): Promise<string> {
    await this.kit.spine?.().catch(() => undefined);
    return metrics.registry().metrics();
  }
}

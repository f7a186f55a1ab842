import { Controller, Get, Header } from '@nestjs/common';
import { prometheusContentType } from 'prom-client';
import { Public } from '../auth/route-access';
import { metrics } from './metrics';

@Controller()
export class MetricsController {
  @Public()
  @Get('metrics')
  @Header('Content-Type', prometheusContentType)
  scrape(): Promise<string> {
    return metrics.registry().metrics();
  }
}

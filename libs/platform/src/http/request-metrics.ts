import type { NextFunction, Request, Response } from 'express';
import { metrics } from './metrics';

/** Express middleware: request count and latency by route template (not raw URL, to bound label cardinality). */
export function requestMetrics(): (req: Request, res: Response, next: NextFunction) => void {
  const duration = metrics.histogram('http_request_duration_seconds', 'HTTP request latency', [
    'method',
    'route',
    'status',
  ]);
  return (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

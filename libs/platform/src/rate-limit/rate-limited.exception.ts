import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import type { RateVerdict } from './rate-limit';

/** A 429 naming the limit; RetryAfterFilter adds the Retry-After header. */
export class RateLimitedException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message, retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Throws the 429 of a refusing verdict; does nothing when it allows. */
export function throwIfLimited(verdict: RateVerdict): void {
  if (!verdict.ok) throw new RateLimitedException(verdict.retryAfterSeconds, verdict.message);
}

/** Registered by PlatformModule: Nest's own filter would drop the header. */
@Catch(RateLimitedException)
export class RetryAfterFilter implements ExceptionFilter<RateLimitedException> {
  catch(exception: RateLimitedException, host: ArgumentsHost) {
    // Consumers never throw it; if one did, the consumer must see the error itself.
    if (host.getType() !== 'http') return throwError(() => exception);
    host
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(exception.retryAfterSeconds))
      .status(exception.getStatus())
      .json(exception.getResponse());
  }
}

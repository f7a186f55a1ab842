import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns every error into `{ status: 'error' }`; the consumer needs
 * the error itself, to tell a database hiccup (retry in place) from a poison message (DEAD).
 */
@Catch()
export class KeepErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

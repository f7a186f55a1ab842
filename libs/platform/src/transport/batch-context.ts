import { BaseRpcContext } from '@nestjs/microservices';
import type { Tx } from '@guildhall/eventing';

/**
 * What a batch handler gets besides the batch: the transaction its effects, inbox claims and
 * checkpoint commit in together, and what the consumer's `prepare` step returned, if any.
 */
export class BatchContext extends BaseRpcContext<[Tx, unknown]> {
  get tx(): Tx {
    return this.args[0];
  }

  get prepared(): unknown {
    return this.args[1];
  }
}

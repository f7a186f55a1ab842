import type { Client } from 'pg';
import type { AnyEnvelope } from '@guildhall/contracts';
import type { Inbox } from './inbox';
import { isTransientError } from './transient-error';
import type { Tx } from './tx';

export type BatchOutcome =
  | { ok: true; fresh: AnyEnvelope[] }
  /** `transient`: the database, not the messages (retry as is); `handler`: the messages may be at fault. */
  | { ok: false; kind: 'transient' | 'handler'; error: unknown };

export interface BatchTransactionInput {
  /** Inbox key (the consumer name). */
  consumer: string;
  /** Checkpoint key (the server-side durable the batch came from). */
  durable: string;
  envelopes: AnyEnvelope[];
  /** The highest stream sequence of the batch: the checkpoint only moves forward (GREATEST). */
  streamSeq: number;
  prepare?(batch: AnyEnvelope[]): Promise<unknown>;
  handle(batch: AnyEnvelope[], tx: Tx, prepared?: unknown): Promise<void>;
}

/**
 * `prepare` (outside any transaction), then ONE transaction: inbox claim + checkpoint, the
 * handler on the envelopes never applied before, COMMIT. Never rejects: the outcome says
 * whether it committed and, if not, whose fault it was.
 */
export async function commitBatch(
  client: Client,
  inbox: Inbox,
  input: BatchTransactionInput,
): Promise<BatchOutcome> {
  const { envelopes } = input;
  let prepared: unknown;
  if (input.prepare) {
    try {
      prepared = await input.prepare(envelopes);
    } catch (error) {
      return { ok: false, kind: isTransientError(error) ? 'transient' : 'handler', error };
    }
  }
  let stage: 'inbox' | 'handler' = 'inbox';
  try {
    await client.query('BEGIN');
    const ids = envelopes.map((e) => e.id);
    const claimed = await inbox.claim(client, input.consumer, ids, input.streamSeq, input.durable);
    const fresh =
      claimed.size === envelopes.length ? envelopes : envelopes.filter((e) => claimed.delete(e.id));
    stage = 'handler';
    if (fresh.length > 0) await input.handle(fresh, client, prepared);
    await client.query('COMMIT');
    return { ok: true, fresh };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const transient = stage === 'inbox' || isTransientError(error);
    return { ok: false, kind: transient ? 'transient' : 'handler', error };
  }
}

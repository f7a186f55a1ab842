import type { Pool } from 'pg';
import type { Envelope, EventRegistry, StreamName } from '@guildhall/contracts';
import type { Tx } from './tx';

export interface ConsumerOptions {
  /** Durable consumer name, also the inbox key. Letters, digits, `_` and `-`. */
  name: string;
  stream: StreamName;
  /** Unprefixed, e.g. ['discord.*.message.created']. */
  filterSubjects: string[];
  pool: Pool;
  schema: string;
  registry: EventRegistry;
  batchSize?: number; // default 500
  maxWaitMs?: number; // default 100
  /** Deliveries before a message whose handling keeps failing goes to DEAD with the last error. Default 5. */
  maxDeliver?: number;
  /** First redelivery delay after a handler error; doubles per delivery up to 1 min. Default 1000. */
  retryBackoffMs?: number;
  /** Unacked messages come back after this long (e.g. the process died mid-batch). Default 30 s. */
  ackWaitMs?: number;
  /** Where failures that never stop the consumer are reported. Default console.error. */
  onError?(error: unknown, context: string): void;
  /** The batch in stream order, already validated and with inbox duplicates removed. */
  handle(batch: Envelope[], tx: Tx): Promise<void>;
  afterCommit?(batch: Envelope[]): void;
}

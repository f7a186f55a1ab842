import type { Pool } from 'pg';
import type { AnyEnvelope, EventRegistry, StreamName } from '@guildhall/contracts';
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
  /**
   * Before consuming, recreate a durable that still has unacked messages (the process holding
   * them died) so it starts again at its ack floor: the messages after the floor come again in
   * stream order instead of the held ones coming back only after `ackWaitMs`, behind later ones;
   * the inbox drops what was already applied. Safe because only the holder of the consumer's
   * lease rewinds, and no other process has a batch in hand then. On a work queue (ACTIONS),
   * which keeps only unacknowledged messages, the recreated deliver-all durable starts at the
   * held ones. Default true.
   */
  rewindOnStart?: boolean;
  /** How often a standby (another process holds this consumer's lease) tries to take over. Default 1000. */
  leasePollMs?: number;
  /** Where failures that never stop the consumer are reported. Default console.error. */
  onError?(error: unknown, context: string): void;
  /** After a message went to DEAD, with the reason (metrics). */
  onDeadLetter?(reason: string): void;
  /** Things an operator may want to know that are not failures (a rewind, a layout migration). Default console.warn. */
  onNotice?(message: string): void;
  /**
   * Side effects that must not run inside a database transaction (calls to Discord): runs
   * before the batch's transaction on the batch in stream order, inbox duplicates included, and
   * again whenever that batch (or part of it, after a failure) is retried, so it must be
   * idempotent on its own (the gateway keeps an action log). What it returns is handed to
   * `handle` with the transaction. A throw counts as a handler failure (transient errors as
   * the database's).
   */
  prepare?(batch: AnyEnvelope[]): Promise<unknown>;
  /**
   * The batch in stream order, already validated by the registry (so each envelope is one of the
   * catalogue's: a switch on `type` narrows `data`) and with inbox duplicates removed;
   * `prepared` is what `prepare` returned.
   */
  handle(batch: AnyEnvelope[], tx: Tx, prepared?: unknown): Promise<void>;
  afterCommit?(batch: AnyEnvelope[]): void;
}

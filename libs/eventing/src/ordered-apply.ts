import type { Msg } from '@nats-io/nats-core';
import type { AnyEnvelope } from '@guildhall/contracts';
import type { BatchOutcome } from './batch-transaction';
import { deliveryInfo } from './pull-fetcher';

/** Retries after a database failure start here and double up to the cap: an outage is retried forever. */
const TRANSIENT_FIRST_MS = 200;
const TRANSIENT_MAX_MS = 5000;
const HANDLER_MAX_MS = 60_000;

export interface OrderedApplyContext {
  maxDeliver: number;
  retryBackoffMs: number;
  /** One transaction for these messages (in stream order). */
  commit(msgs: Msg[], envelopes: AnyEnvelope[]): Promise<BatchOutcome>;
  /** After a commit: ack, notify. */
  committed(msgs: Msg[], fresh: AnyEnvelope[]): void;
  /** Publishes to DEAD and acks; false if DEAD could not be reached. */
  toDead(m: Msg, reason: string): Promise<boolean>;
  /** Waits (keeping the messages in hand alive on the server); false if the session ended meanwhile. */
  pause(ms: number): Promise<boolean>;
  /** False once the consumer stops or loses its lease: leave the rest unacked for whoever goes on. */
  active(): boolean;
  onError(error: unknown, context: string): void;
}

/**
 * Applies `msgs` strictly in stream order, whatever fails. A database failure retries the same
 * transaction with backoff and never reorders; a handler failure bisects the batch to find the
 * message at fault in O(log n) transactions, applying everything before it first; that message
 * is retried in process with backoff and, after `maxDeliver` attempts in all, goes to DEAD with
 * its reason, and only then does the lane move on. Nothing after a failure is applied before it.
 *
 * Resolves true when every message was committed or sent to DEAD; false when the session ended
 * first, with the rest still unacked (the next holder rewinds to them).
 */
export async function applyInOrder(
  ctx: OrderedApplyContext,
  msgs: Msg[],
  envelopes: AnyEnvelope[],
): Promise<boolean> {
  if (msgs.length === 0) return true;
  let transientFailures = 0;
  for (;;) {
    if (!ctx.active()) return false;
    const outcome = await ctx.commit(msgs, envelopes);
    if (outcome.ok) {
      ctx.committed(msgs, outcome.fresh);
      return true;
    }
    if (outcome.kind === 'transient') {
      const delay = Math.min(TRANSIENT_FIRST_MS * 2 ** transientFailures++, TRANSIENT_MAX_MS);
      ctx.onError(outcome.error, `database unavailable; retrying ${msgs.length} message(s) in ${delay} ms`);
      if (!(await ctx.pause(delay))) return false;
      continue;
    }
    if (msgs.length > 1) {
      const mid = msgs.length >> 1;
      return (
        (await applyInOrder(ctx, msgs.slice(0, mid), envelopes.slice(0, mid))) &&
        applyInOrder(ctx, msgs.slice(mid), envelopes.slice(mid))
      );
    }
    return retryOne(ctx, msgs[0], envelopes[0], outcome.error);
  }
}

/** The one message whose handler failed: in-process retries with backoff, then DEAD. */
async function retryOne(
  ctx: OrderedApplyContext,
  m: Msg,
  envelope: AnyEnvelope,
  firstError: unknown,
): Promise<boolean> {
  // Earlier deliveries (a previous process, a redelivery) count toward maxDeliver too.
  let attempts = deliveryInfo(m).deliveryCount;
  let error = firstError;
  for (;;) {
    if (attempts >= ctx.maxDeliver) {
      const reason = `handler failed ${attempts} times: ${error instanceof Error ? error.message : String(error)}`;
      while (!(await ctx.toDead(m, reason))) if (!(await ctx.pause(TRANSIENT_MAX_MS))) return false;
      return true;
    }
    ctx.onError(error, `handler failed for ${envelope.id} (attempt ${attempts} of ${ctx.maxDeliver})`);
    if (!(await ctx.pause(Math.min(ctx.retryBackoffMs * 2 ** (attempts - 1), HANDLER_MAX_MS)))) return false;
    const outcome = await ctx.commit([m], [envelope]);
    if (outcome.ok) {
      ctx.committed([m], outcome.fresh);
      return true;
    }
    // The database going away meanwhile is not this message's fault: it does not count.
    if (outcome.kind === 'handler') attempts++;
    error = outcome.error;
  }
}

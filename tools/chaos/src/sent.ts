/** What the load made happen in Discord, as the chaos run recorded it while sending. */

/** One message a chatter said; `count` is its place among that member's messages (1 = first). */
export interface SentMessage {
  id: string;
  userId: string;
  count: number;
  /** The message's own (simulated) time, epoch ms: what xp's cooldown compares. */
  at: number;
  /** Index of the phase (fault) during which it was said. */
  phase: number;
  /** Wall clock when the simulator sent it to the gateway, epoch ms. */
  sentAt: number;
}

/** A newcomer who joined the guild during a phase. */
export interface SentJoin {
  userId: string;
  phase: number;
  sentAt: number;
}

/** One row of xp's ledger (xp_events): `id` is the order in which xp decided. */
export interface LedgerRow {
  id: number;
  sourceId: string;
  userId: string;
  occurredAt: number;
  amount: number;
}

/** A mutating REST call Discord received, named by what it does (see discord-calls.ts). */
export interface MadeCall {
  key: string;
  /** The phase during which it was made. */
  phase: number;
  /** Wall clock when Discord received it, epoch ms. */
  at: number;
  /** See repeatGuard: the same guard on a repeat means Discord made no second effect. */
  guard?: string;
}

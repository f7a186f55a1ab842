import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { DeadLetter } from './dead-letters';
import { Publisher } from './publisher';
import type { Topology } from './topology';

/** A dead letter and its own sequence in DEAD, the id operators name it by. */
export interface StoredDeadLetter {
  id: number;
  letter: DeadLetter;
}

export interface ReplayOutcome {
  id: number;
  /** What happened, in words: `replayed to <subject>` or why not. */
  result: string;
  ok: boolean;
}

/**
 * Looking at and re-driving what is in DEAD. A replay publishes the original payload to its
 * original subject again (a new stream message, so the durable that failed on it gets it once
 * more) and removes the letter. Consumers that had applied it drop it again by its envelope id
 * (the inbox); only the one that sent it to DEAD applies it. Replay only after fixing the cause:
 * a message that fails again comes back to DEAD with a fresh letter.
 */
export class DeadLetterDesk {
  private readonly publisher: Publisher;

  constructor(
    private readonly nc: NatsConnection,
    private readonly topology: Topology,
  ) {
    this.publisher = new Publisher(nc, topology);
  }

  private get stream(): string {
    return this.topology.stream('DEAD');
  }

  /** Oldest first. */
  async list(): Promise<StoredDeadLetter[]> {
    const jsm = await jetstreamManager(this.nc);
    const { state } = await jsm.streams.info(this.stream);
    if (state.messages === 0) return [];
    const consumer = await jetstream(this.nc).consumers.get(this.stream);
    const out: StoredDeadLetter[] = [];
    try {
      const msgs = await consumer.fetch({ max_messages: state.messages, expires: 2000 });
      for await (const m of msgs) {
        out.push({ id: m.seq, letter: JSON.parse(m.string()) as DeadLetter });
        if (m.info.streamSequence >= state.last_seq) break;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
    return out;
  }

  async show(id: number): Promise<DeadLetter | undefined> {
    const jsm = await jetstreamManager(this.nc);
    const m = await jsm.streams.getMessage(this.stream, { seq: id }).catch(() => null);
    return m ? (JSON.parse(m.string()) as DeadLetter) : undefined;
  }

  async replay(ids: number[]): Promise<ReplayOutcome[]> {
    const jsm = await jetstreamManager(this.nc);
    const out: ReplayOutcome[] = [];
    for (const id of ids) {
      const letter = await this.show(id);
      if (!letter) {
        out.push({ id, ok: false, result: 'no such dead letter' });
        continue;
      }
      try {
        // Its own Nats-Msg-Id: the original one may still be in the stream's duplicate window.
        await this.publisher.publishRaw(letter.subject, `replay:${this.stream}:${id}`, letter.payload);
        await jsm.streams.deleteMessage(this.stream, id);
        out.push({ id, ok: true, result: `replayed to ${letter.subject}` });
      } catch (e) {
        out.push({ id, ok: false, result: `not replayed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    return out;
  }
}

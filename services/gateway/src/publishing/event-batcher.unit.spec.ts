import type { OutgoingMessage } from '@guildhall/eventing';
import { EventBatcher, type BatchPublisher } from './event-batcher';

const item = (n: number, guild = '1'): OutgoingMessage => ({
  subject: `discord.${guild}.message.created`,
  envelope: {
    id: String(n),
    type: 'message.created',
    version: 1,
    guildId: guild,
    occurredAt: '',
    source: 'gateway',
    data: {},
  },
});

class FakePublisher implements BatchPublisher {
  batches: string[][] = [];
  failuresLeft = 0;
  gate: Promise<void> = Promise.resolve();
  async publishMany(items: OutgoingMessage[]): Promise<void> {
    await this.gate;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('nats down');
    }
    this.batches.push(items.map((i) => i.envelope.id));
  }
}

describe('event batcher', () => {
  it('collects events arriving within the linger time into one publish', async () => {
    const pub = new FakePublisher();
    const b = new EventBatcher(pub, { maxBatch: 100, lingerMs: 5, maxQueued: 1000 });
    for (let i = 0; i < 10; i++) b.push(item(i));
    await b.flush();
    expect(pub.batches).toEqual([['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']]);
  });

  it('never sends more than maxBatch at once and keeps the order', async () => {
    const pub = new FakePublisher();
    const b = new EventBatcher(pub, { maxBatch: 4, lingerMs: 5, maxQueued: 1000 });
    for (let i = 0; i < 10; i++) b.push(item(i));
    await b.flush();
    expect(pub.batches.every((x) => x.length <= 4)).toBe(true);
    expect(pub.batches.flat()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('events arriving while a batch is in flight wait and go out together next', async () => {
    const pub = new FakePublisher();
    let open!: () => void;
    pub.gate = new Promise((r) => (open = r));
    const b = new EventBatcher(pub, { maxBatch: 100, lingerMs: 0, maxQueued: 1000 });
    b.push(item(0));
    for (let i = 1; i < 6; i++) b.push(item(i));
    open();
    await b.flush();
    expect(pub.batches).toEqual([['0'], ['1', '2', '3', '4', '5']]);
  });

  it('a failed batch is retried before anything queued after it, so no guild sees reordering', async () => {
    const pub = new FakePublisher();
    pub.failuresLeft = 2;
    const errors: number[] = [];
    const b = new EventBatcher(pub, {
      maxBatch: 2,
      lingerMs: 0,
      maxQueued: 1000,
      onError: (_e, attempt) => errors.push(attempt),
    });
    for (let i = 0; i < 5; i++) b.push(item(i));
    await b.flush();
    expect(errors).toEqual([1, 2]);
    expect(pub.batches.flat()).toEqual(['0', '1', '2', '3', '4']);
  });

  it('asks the source to stop reading at maxQueued and to read again once half is out, dropping nothing', async () => {
    const pub = new FakePublisher();
    let open!: () => void;
    pub.gate = new Promise((r) => (open = r));
    const signals: string[] = [];
    const b = new EventBatcher(pub, {
      maxBatch: 2,
      lingerMs: 0,
      maxQueued: 4,
      onFull: () => signals.push('full'),
      onRoom: () => signals.push('room'),
    });
    b.push(item(0)); // in flight
    for (let i = 1; i < 8; i++) b.push(item(i));
    expect(signals).toEqual(['full']);
    open();
    await b.flush();
    expect(signals).toEqual(['full', 'room']);
    expect(pub.batches.flat()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });
});

import { envelope } from '@guildhall/contracts';
import { connectNats, ensureStreams, Topology, type OutgoingMessage } from '@guildhall/eventing';
import { PrivateNats } from '@guildhall/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { EventBatcher } from '../src/publishing/event-batcher';
import { PipelinedPublisher } from '../src/publishing/pipelined-publisher';

jest.setTimeout(60_000);

const event = (i: number): OutgoingMessage => ({
  subject: 'discord.1.message.created',
  envelope: envelope({
    id: `pp-${i}`,
    type: 'message.created',
    guildId: '1',
    occurredAt: new Date(),
    source: 'test',
    data: { messageId: String(i), channelId: '2', authorId: '3' },
  }),
});

describe('PipelinedPublisher through a NATS restart', () => {
  it('a batch whose PubAcks were lost with the old connection is sent again as soon as NATS is back', async () => {
    const nats = await PrivateNats.local();
    const nc = await connectNats(nats.url, 'pipelined-publisher-test');
    const topology = new Topology(`pp${Date.now().toString(36)}`);
    // Long enough that waiting it out would fail the test: the batch must go again on reconnect.
    const publisher = new PipelinedPublisher(nc, topology, { ackTimeoutMs: 120_000 });
    const batcher = new EventBatcher(publisher, { maxBatch: 100, lingerMs: 0, maxQueued: 10_000 });
    try {
      await ensureStreams(nc, topology);
      await nats.crash();
      for (let i = 0; i < 300; i++) batcher.push(event(i));
      await new Promise((r) => setTimeout(r, 1000));
      await nats.start();
      const published = await Promise.race([
        batcher.whenPublished().then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 20_000)),
      ]);
      expect(published).toBe(true);
      const info = await (await jetstreamManager(nc)).streams.info(topology.stream('DISCORD'));
      expect(info.state.messages).toBe(300);
    } finally {
      await batcher.stop(1000);
      publisher.close();
      await nc.close();
      await nats.dispose();
    }
  });
});

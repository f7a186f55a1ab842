import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { discordSubject, envelope, MessageCreated } from '@guildhall/contracts';
import { connectNats, deleteStreams, ensureStreams, Publisher, Topology } from '@guildhall/eventing';
import { startXpService } from '../app';

/**
 * Measures message.created → xp throughput end to end (stream → validation → one transaction
 * per batch) in a throwaway schema and namespace: publishes N messages first, then starts the
 * service and times until its inbox holds all N. Usage: throughput.ts [messages] [members]
 */
async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const members = Number(process.argv[3] ?? 5_000);
  const id = randomBytes(4).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DB_SCHEMA: `xp_bench${id}`,
    EVENT_NAMESPACE: `xpbench${id}`,
    PORT: '0',
  };
  const schema = env.DB_SCHEMA as string;
  const topology = new Topology(env.EVENT_NAMESPACE);
  const nc = await connectNats(env.NATS_URL ?? 'nats://127.0.0.1:4222', 'xp-throughput');
  const db = new Client({
    connectionString: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await db.connect();
  try {
    await ensureStreams(nc, topology);
    const publisher = new Publisher(nc, topology);
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const guilds = ['150000000000000001', '150000000000000002', '150000000000000003', '150000000000000004'];
    for (let start = 0; start < total; start += 10_000) {
      const chunk = [];
      for (let i = start; i < Math.min(total, start + 10_000); i++) {
        const messageId = String(1_400_000_000_000_000_000n + BigInt(i));
        const guildId = guilds[i % guilds.length];
        const data: MessageCreated = {
          messageId,
          channelId: '200000000000000001',
          userId: String(440000000000000000n + BigInt(i % members)),
          roleIds: [],
          bot: false,
        };
        const e = envelope({
          id: messageId,
          type: 'message.created',
          guildId,
          occurredAt: new Date(t0 + i * 20),
          source: 'bench',
          data,
        });
        chunk.push({ subject: discordSubject(guildId, 'message.created'), envelope: e });
      }
      await publisher.publishMany(chunk);
    }
    process.stderr.write(`published ${total} messages for ${members} members\n`);
    const started = Date.now();
    const xp = await startXpService(env);
    const ready = Date.now();
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "${schema}".inbox WHERE consumer = 'xp-messages'`,
      );
      if (rows[0].n >= total) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = Date.now();
    await xp.stop();
    const seconds = (done - ready) / 1000;
    process.stdout.write(
      `${total} messages in ${seconds.toFixed(2)} s after startup (${(done - started) / 1000} s incl. startup): ${Math.round(total / seconds)} msg/s\n`,
    );
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db.end();
    await deleteStreams(nc, topology).catch(() => undefined);
    await nc.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

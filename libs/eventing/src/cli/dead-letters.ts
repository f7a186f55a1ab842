import { connectNats } from '../connect-nats';
import { DeadLetterDesk } from '../dead-letter-desk';
import { Topology } from '../topology';

const USAGE = `Usage: npm run dead-letters -- list | show ID | replay ID...

What consumers could not handle (the DEAD stream), and re-driving it once the cause is fixed.
  list          every dead letter: id, when, consumer, subject, reason
  show ID       one letter in full, with the original payload
  replay ID...  publish the originals again to their subjects and remove the letters
Environment: NATS_URL (default nats://127.0.0.1:4222), EVENT_NAMESPACE (default none).`;

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const ids = rest.map(Number);
  if (!['list', 'show', 'replay'].includes(command)) {
    process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  if (command !== 'list' && (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n < 1))) {
    process.stderr.write(
      `${command} needs dead letter ids (whole numbers, from "list"), got "${rest.join(' ')}"\n`,
    );
    return 2;
  }
  if (command === 'show' && ids.length > 1) {
    process.stderr.write('show takes one id\n');
    return 2;
  }
  const nc = await connectNats(process.env.NATS_URL?.trim() || 'nats://127.0.0.1:4222', 'dead-letters-cli');
  try {
    const desk = new DeadLetterDesk(nc, new Topology(process.env.EVENT_NAMESPACE?.trim() ?? ''));
    if (command === 'list') {
      const letters = await desk.list();
      if (letters.length === 0) {
        process.stdout.write('no dead letters\n');
        return 0;
      }
      process.stdout.write(
        `${'ID'.padEnd(7)} ${'FAILED AT'.padEnd(24)} ${'CONSUMER'.padEnd(22)} ${'SUBJECT'.padEnd(40)} REASON\n`,
      );
      for (const { id, letter } of letters)
        process.stdout.write(
          `${String(id).padEnd(7)} ${letter.failedAt.padEnd(24)} ${cut(letter.consumer, 22).padEnd(22)} ${cut(letter.subject, 40).padEnd(40)} ${cut(letter.reason, 100)}\n`,
        );
      process.stdout.write(
        `${letters.length} dead letter(s); "show ID" for one in full, "replay ID..." once fixed\n`,
      );
      return 0;
    }
    if (command === 'show') {
      const letter = await desk.show(ids[0]);
      if (!letter) {
        process.stderr.write(`no dead letter ${ids[0]}\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(letter, null, 2)}\n`);
      return 0;
    }
    const outcomes = await desk.replay(ids);
    for (const o of outcomes) process.stdout.write(`${o.id}: ${o.result}\n`);
    return outcomes.every((o) => o.ok) ? 0 : 1;
  } finally {
    await nc.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`dead-letters failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);

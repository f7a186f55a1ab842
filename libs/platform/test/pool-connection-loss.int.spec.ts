import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('a pooled connection lost in the middle of a transaction', () => {
  it('fails that transaction but not the process, which goes on with a new connection', async () => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'fixtures', 'hold-transaction.ts')],
      {
        cwd: join(__dirname, '..', '..', '..'),
        env: { ...process.env, DATABASE_URL },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 300 && !/READY \d+/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    const pid = Number(/READY (\d+)/.exec(out)?.[1]);
    expect(pid).toBeGreaterThan(0);

    // What a Postgres restart, a failover or an idle timeout does to the backend.
    const admin = new Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // The child learns it through its socket while idle in the transaction: the moment it used to die.
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (rows.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.end();
    await new Promise((r) => setTimeout(r, 300));
    child.stdin.end('go\n');

    const code = await exited;
    expect({ code, out: out.trim().split('\n').pop(), err: err.includes("Unhandled 'error' event") }).toEqual(
      {
        code: 0,
        out: 'RECOVERED true',
        err: false,
      },
    );
  });
});

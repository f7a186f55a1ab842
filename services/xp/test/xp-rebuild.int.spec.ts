import { spawn } from 'node:child_process';
import { createPool } from '@guildhall/platform';
import type { Pool } from 'pg';
import { RunningXpService, startXpService } from '../src/app';
import { rebuildProjections } from '../src/cli/rebuild-projections';
import { levelFor } from '../src/domain/levels';
import { DATABASE_URL, messageCreated, MessageSpec, putJson, waitFor, XpTestEnv } from './xp-test-env';

jest.setTimeout(120_000);

const GUILD = '130000000000000001';
const user = (i: number) => String(420000000000000000n + BigInt(i));
const ROLE = '300000000000000001';
const MUTED = '200000000000000003';

describe('xp service: rebuilding projections from the ledger', () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;
  let pool: Pool;
  const snapshot = async () =>
    (
      await t.db.query(
        `SELECT guild_id, user_id, xp, level, messages, last_award_at FROM "${t.schema}".member_xp ORDER BY guild_id, user_id`,
      )
    ).rows;

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(t.env());
    pool = createPool(DATABASE_URL, 2);
    await t.syncDirectory(GUILD, { roleIds: [ROLE], channelIds: [MUTED] });
    const put = await putJson(
      `http://127.0.0.1:${xp.port}/guilds/${GUILD}/policy`,
      {
        amount: { kind: 'random', min: 15, max: 25 },
        cooldownSeconds: 20,
        curve: 'sqrt',
        roleMultipliers: [{ id: ROLE, multiplier: 1.5 }],
        channelMultipliers: [],
        noXpChannels: [MUTED],
        levelUpMessage: { enabled: true, template: '{user} → {level}' },
      },
      t.token(GUILD, 'moderator'),
    );
    expect(put.status).toBe(200);
    // Dated after the PUT so the random policy applies; 40 members × 60 messages, 7–29 s apart.
    const start = Date.now() + 60_000;
    const specs: MessageSpec[] = [];
    for (let i = 0; i < 40; i++) {
      let at = start;
      for (let k = 0; k < 60; k++) {
        at += 7_000 + ((i * 31 + k * 17) % 23) * 1000;
        specs.push({
          guildId: GUILD,
          userId: user(i),
          at,
          roleIds: i % 3 === 0 ? [ROLE] : [],
          channelId: k % 11 === 0 ? MUTED : undefined,
        });
      }
    }
    specs.sort((a, b) => a.at - b.at);
    await t.publishMessages(specs.map(messageCreated));
    await waitFor('messages applied', async () => (await t.applied('xp-messages')) >= specs.length, 60_000);
  });
  afterAll(async () => {
    await xp?.stop();
    await pool?.end();
    await t.cleanup();
  });

  it('a replay rebuild equals the live projection', async () => {
    const live = await snapshot();
    expect(live).toHaveLength(40);
    const progress: number[] = [];
    const report = await rebuildProjections(pool, t.schema, {
      pageSize: 500,
      onProgress: (done) => progress.push(done),
    });
    expect(report).toEqual({ events: 2400, members: 40, levelChanges: 0, inconsistencies: 0 });
    expect(progress[progress.length - 1]).toBe(2400);
    expect(progress.length).toBeGreaterThan(4);
    expect(await snapshot()).toEqual(live);
  });

  it('the CLI draws a progress bar on stderr and reports on stdout', async () => {
    const live = await snapshot();
    const { code, stdout, stderr } = await run(['services/xp/src/cli/rebuild.ts'], {
      DB_SCHEMA: t.schema,
      DATABASE_URL,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/replaying xp_events \[█+\] 100\.0% 2400\/2400/);
    expect(stdout).toMatch(/rebuilt 40 members from 2400 events/);
    expect(await snapshot()).toEqual(live);
  });

  it('--reapply-policy restates every level under the current curve', async () => {
    const put = await putJson(
      `http://127.0.0.1:${xp.port}/guilds/${GUILD}/policy`,
      {
        amount: { kind: 'fixed', xp: 10 },
        cooldownSeconds: 60,
        curve: 'step',
        roleMultipliers: [],
        channelMultipliers: [],
        noXpChannels: [],
        levelUpMessage: { enabled: false, template: '-' },
      },
      t.token(GUILD, 'moderator'),
    );
    expect(put.status).toBe(200);
    const before = await snapshot();
    const report = await rebuildProjections(pool, t.schema, { reapplyPolicy: true });
    const after = await snapshot();
    expect(report.levelChanges).toBe(before.filter((r) => r.level !== levelFor('step', Number(r.xp))).length);
    expect(report.levelChanges).toBeGreaterThan(0);
    for (const r of after) expect(r.level).toBe(levelFor('step', Number(r.xp)));
    expect(after.map((r) => r.xp)).toEqual(before.map((r) => r.xp));
  });
});

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
      cwd: `${__dirname}/../../..`,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

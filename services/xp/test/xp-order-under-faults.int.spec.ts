import { startXpService, type RunningXpService } from '../src/app';
import { messageCreated, T0, waitFor, XpTestEnv } from './xp-test-env';

jest.setTimeout(120_000);

const GUILD = '140000000000000077';
const user = (i: number) => String(470000000000000000n + BigInt(i));

/**
 * A member's messages at t0, t50 s and t70 s earn 20 XP in order (cooldown 60 s: t0 and t70 pay)
 * but only 10 if t0 is decided last. The fault hits t0's first attempt, while t50 is already
 * fetched: whatever the fault, t0 must still be decided first.
 */
describe('xp: one member keeps the XP of in-order decisions when the database fails mid-stream', () => {
  const t = new XpTestEnv();
  const running: RunningXpService[] = [];

  beforeAll(() => t.setup());
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  afterAll(() => t.cleanup());

  /** One message per batch by default: the next batch is always fetched while this one is applied. */
  async function start(batchSize = '1'): Promise<RunningXpService> {
    const s = await startXpService(t.env({ XP_BATCH_SIZE: batchSize }));
    running.push(s);
    return s;
  }

  /** A trigger on the ledger that fails the first insert of `messageId` with `fault` (PL/pgSQL). */
  async function failFirstInsertOf(messageId: string, fault: string): Promise<void> {
    const s = `"${t.schema}"`;
    await t.db.query(`CREATE SEQUENCE IF NOT EXISTS ${s}.fault_seq`);
    await t.db.query(`ALTER SEQUENCE ${s}.fault_seq RESTART`);
    // A sequence is not transactional: the rollback the fault causes does not re-arm it.
    await t.db.query(`CREATE OR REPLACE FUNCTION ${s}.inject_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.source_id = '${messageId}' AND nextval('${t.schema}.fault_seq') = 1 THEN ${fault}; END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(`DROP TRIGGER IF EXISTS inject_fault ON ${s}.xp_events`);
    await t.db.query(
      `CREATE TRIGGER inject_fault BEFORE INSERT ON ${s}.xp_events FOR EACH ROW EXECUTE FUNCTION ${s}.inject_fault()`,
    );
  }

  async function threeMessages(userId: string, fault: string): Promise<string[]> {
    const [a, b, c] = [0, 50_000, 70_000].map((dt) =>
      messageCreated({ guildId: GUILD, userId, at: T0 + dt }),
    );
    await failFirstInsertOf(a.id, fault);
    await t.publishMessages([a, b, c]);
    await waitFor(
      `the three messages of ${userId}`,
      async () => (await t.member(GUILD, userId))?.messages === 3,
    );
    return [a.id, b.id, c.id];
  }

  async function ledgerOrder(userId: string): Promise<string[]> {
    const { rows } = await t.db.query(
      `SELECT source_id FROM "${t.schema}".xp_events WHERE guild_id = $1 AND user_id = $2 ORDER BY id`,
      [GUILD, userId],
    );
    return rows.map((r: { source_id: string }) => r.source_id);
  }

  it('a deadlock on the first message does not let the already fetched later ones go first', async () => {
    await start();
    const ids = await threeMessages(user(1), `RAISE EXCEPTION 'injected deadlock' USING ERRCODE = '40P01'`);
    expect(await ledgerOrder(user(1))).toEqual(ids);
    expect((await t.member(GUILD, user(1)))?.xp).toBe(20);
  });

  it('a connection killed in the middle of the first message neither crashes xp nor reorders', async () => {
    await start();
    const ids = await threeMessages(user(2), `PERFORM pg_terminate_backend(pg_backend_pid())`);
    expect(await ledgerOrder(user(2))).toEqual(ids);
    expect((await t.member(GUILD, user(2)))?.xp).toBe(20);
    // Still consuming afterwards.
    await t.publishMessages([messageCreated({ guildId: GUILD, userId: user(2), at: T0 + 200_000 })]);
    await waitFor('a later message', async () => (await t.member(GUILD, user(2)))?.xp === 30);
  });

  it('two xp processes on one durable (a rolling deploy) pay every member as one process would', async () => {
    const MEMBERS = 10;
    const PER_MEMBER = 300;
    await start('20');
    // The second process starts while the first is consuming, as the new pod of a RollingUpdate does.
    const specs = [];
    for (let k = 0; k < PER_MEMBER; k++)
      for (let i = 0; i < MEMBERS; i++)
        specs.push({ guildId: GUILD, userId: user(100 + i), at: T0 + k * 61_000 });
    const before = await t.applied('xp-messages');
    const half = specs.length / 2;
    await t.publishMessages(specs.slice(0, half).map(messageCreated));
    await start('20');
    await t.publishMessages(specs.slice(half).map(messageCreated));
    await waitFor(
      'every message applied',
      async () => (await t.applied('xp-messages')) >= before + specs.length,
      90_000,
    );
    for (let i = 0; i < MEMBERS; i++)
      expect(await t.member(GUILD, user(100 + i))).toMatchObject({
        messages: PER_MEMBER,
        xp: PER_MEMBER * 10,
      });
  });
});

import type { Envelope } from '@guildhall/contracts';
import type { GuildView } from '@guildhall/discord-sim';
import { nonceFor } from '../src/actions/action-executor';
import { ActionWorld } from './action-world';

jest.setTimeout(60_000);

const world = new ActionWorld('gwonce');
let guild: GuildView;
let channelId: string;

const action = (kind: string, data: Record<string, unknown>, occurredAt = new Date()): Envelope =>
  world.action(guild.id, kind, data, occurredAt);

/** Fails the gateway's next outbox write (the results of a batch, after its Discord calls): an error before COMMIT. */
async function failNextOutboxWrite(): Promise<void> {
  const { schema, db } = world;
  const s = `"${schema}"`;
  await db.query(`CREATE SEQUENCE IF NOT EXISTS ${s}.fault_seq`);
  await db.query(`ALTER SEQUENCE ${s}.fault_seq RESTART`);
  await db.query(`CREATE OR REPLACE FUNCTION ${s}.fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('${schema}.fault_seq') = 1 THEN RAISE EXCEPTION 'injected failure before commit'; END IF;
      RETURN NULL;
    END $$`);
  await db.query(`DROP TRIGGER IF EXISTS fail_once ON ${s}.outbox`);
  await db.query(
    `CREATE TRIGGER fail_once BEFORE INSERT ON ${s}.outbox FOR EACH STATEMENT EXECUTE FUNCTION ${s}.fail_once()`,
  );
}

beforeAll(async () => {
  const sim = await world.startSimulator();
  guild = sim.createGuild({ name: 'Once', channels: ['general'] });
  channelId = guild.channels[0].id;
  await world.startGateway();
});

afterAll(() => world.stop());

describe('gateway: each action reaches Discord once, whatever fails around it', () => {
  it('a batch whose transaction fails after its calls is retried without sending anything again', async () => {
    world.sim.clearCalls();
    await failNextOutboxWrite();
    const sends = Array.from({ length: 10 }, (_, i) =>
      action('message.send', { channelId, content: `notice ${i}` }),
    );
    await world.publish(sends);
    const done = await world.resultsOf(sends);
    expect(done.every((r) => r.type === 'action.done')).toBe(true);
    expect(world.sim.calls({ method: 'POST', path: `/channels/${channelId}/messages` })).toHaveLength(10);
    const texts = world.sim.channelMessages(guild.id, channelId).map((m) => m.content);
    for (let i = 0; i < 10; i++) expect(texts.filter((t) => t === `notice ${i}`)).toHaveLength(1);
    const { rows } = await world.db.query(`SELECT nextval('"${world.schema}".fault_seq') AS n`);
    expect(Number(rows[0].n)).toBeGreaterThan(2); // the fault fired and the retry wrote the results
  });

  it('a send that reached Discord before the process died is answered by Discord with the same message (nonce)', async () => {
    const send = action('message.send', { channelId, content: 'welcome' });
    // The dead process's request: it went out with the action's nonce, its outcome never recorded.
    const first = await fetch(`${world.sim.apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${world.sim.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'welcome', nonce: nonceFor(send.id), enforce_nonce: true }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    await world.db.query(
      `INSERT INTO "${world.schema}".action_log (action_id, guild_id, kind, state) VALUES ($1, $2, 'message.send', 'calling')`,
      [send.id, guild.id],
    );
    await world.publish([send]);
    const [result] = await world.resultsOf([send]);
    expect(result).toMatchObject({ type: 'action.done', data: { resultId: first.id } });
    expect(
      world.sim.channelMessages(guild.id, channelId).filter((m) => m.content === 'welcome'),
    ).toHaveLength(1);
  });

  it('a role creation in doubt finds the role it made instead of making another', async () => {
    const create = action('role.create', { name: 'Level 9' });
    const made = world.sim.createRole(guild.id, { name: 'Level 9' });
    await world.db.query(
      `INSERT INTO "${world.schema}".action_log (action_id, guild_id, kind, state) VALUES ($1, $2, 'role.create', 'calling')`,
      [create.id, guild.id],
    );
    world.sim.clearCalls();
    await world.publish([create]);
    const [result] = await world.resultsOf([create]);
    expect(result).toMatchObject({ type: 'action.done', data: { resultId: made.id } });
    expect(world.sim.calls({ method: 'POST', path: `/guilds/${guild.id}/roles` })).toHaveLength(0);
    expect(world.sim.getGuild(guild.id, false).roles.filter((r) => r.name === 'Level 9')).toHaveLength(1);
  });

  it("an interaction answer past its token's life is not sent; its result says it expired", async () => {
    world.sim.clearCalls();
    const late = action(
      'interaction.reply',
      {
        interactionId: '1300000000000000001',
        token: 'gone',
        applicationId: world.sim.applicationId,
        content: 'your rank',
      },
      new Date(Date.now() - 20 * 60_000),
    );
    await world.publish([late]);
    const [result] = await world.resultsOf([late]);
    expect(result).toMatchObject({
      type: 'action.failed',
      data: {
        retryable: false,
        error: 'expired: issued 20 min ago, interaction.reply is only done within 15 min',
      },
    });
    expect(world.sim.calls({ path: '/interactions/' })).toHaveLength(0);
  });

  it('a message caused by an event long past is still sent (a backfill, an outage): only answers expire', async () => {
    const old = action(
      'message.send',
      { channelId, content: 'you reached level 3' },
      new Date(Date.now() - 2 * 3600_000),
    );
    await world.publish([old]);
    const [result] = await world.resultsOf([old]);
    expect(result).toMatchObject({ type: 'action.done' });
  });
});

import 'reflect-metadata';
import { DiscordSimulator } from '@guildhall/discord-sim';
import { ServiceProcess } from '@guildhall/harness';
import { signServiceToken, TEST_AUTH_SECRET } from '@guildhall/platform';
import { ServiceTestEnv, waitFor } from '@guildhall/testing';
import { DemoPlayers } from '../src/demo-players';

jest.setTimeout(180_000);

/**
 * The demo as `npm start` runs it: the simulator playing a small, fast demo community, and the
 * gateway (discord.js), onboarding and roles each in its own process; then the demo players for
 * a bounded number of actions.
 */
describe('demo players on the simulator', () => {
  const t = new ServiceTestEnv('demo_players', {}, 'dp');
  const schemas = ['gw', 'ob', 'ro'].map((s) => `${t.schema}_${s}`);
  let sim: DiscordSimulator;
  let gateway: ServiceProcess;
  let onboarding: ServiceProcess;
  let roles: ServiceProcess;
  let players: DemoPlayers;
  let guildId: string;
  const lines: string[] = [];

  beforeAll(async () => {
    await t.setup();
    sim = new DiscordSimulator({ port: 0 });
    await sim.start();
    guildId = sim.startDemo({
      members: 40,
      messagesPerSecond: 1,
      churnEveryMs: 400,
      agreements: { share: 1, minDelayMs: 100, maxDelayMs: 1000 },
    }).guild.id;
    const env = (schema: string) => t.env({ DB_SCHEMA: schema, AUTH_SECRET: TEST_AUTH_SECRET });
    [onboarding, roles] = await Promise.all([
      ServiceProcess.start('onboarding', env(schemas[1])),
      ServiceProcess.start('roles', env(schemas[2])),
    ]);
    gateway = await ServiceProcess.start('gateway', {
      ...env(schemas[0]),
      DISCORD_TOKEN: sim.botToken,
      DISCORD_API_URL: sim.apiUrl,
    });
    players = new DemoPlayers({
      simUrl: sim.url,
      onboardingUrl: onboarding.url,
      rolesUrl: roles.url,
      secret: TEST_AUTH_SECRET,
      intervalMs: 40,
      maxActions: 60,
      seed: 7,
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    players?.stop();
    await Promise.all([gateway, onboarding, roles].map((p) => p?.stop().catch(() => undefined)));
    for (const s of schemas) await t.db?.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await t.cleanup();
    await sim?.stop();
  });

  it('sets the demo guild up, and its members agree, take quizzes and pick roles', async () => {
    expect(await players.prepare()).toBe(guildId);
    expect(lines).toContain('the demo owner confirmed the proposed onboarding setup');
    const demo = sim.getGuild(guildId, false);
    const role = (name: string) => demo.roles.find((r) => r.name === name)!.id;
    const rulesChannel = demo.channels.find((c) => c.name === 'rules')!.id;
    await waitFor('the rules message in #rules', async () =>
      sim
        .channelMessages(guildId, rulesChannel)
        .some((m) => JSON.stringify(m.components).includes('onboarding:agree')),
    );

    const stats = await players.run();
    expect(stats.quizAttempts).toBeGreaterThan(0);
    expect(stats.rolesPicked).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('failed'))).toEqual([]);

    // What the dashboard will show: agreements in the funnel, quiz attempts, roles held in Discord.
    const owner = {
      authorization: `Bearer ${signServiceToken(TEST_AUTH_SECRET, { sub: demo.ownerId, guildId, role: 'owner', aud: 'onboarding' })}`,
    };
    await waitFor('members who agreed', async () => {
      const res = await fetch(`${onboarding.url}/guilds/${guildId}/funnel`, { headers: owner });
      const funnel = (await res.json()) as { agreed?: { count?: number } };
      return (funnel.agreed?.count ?? 0) > 0;
    });
    const attempts = await t.db.query(
      `SELECT count(*)::int AS n FROM "${schemas[1]}".onboarding_events WHERE guild_id = $1 AND type = 'quiz.attempted'`,
      [guildId],
    );
    expect(attempts.rows[0].n).toBe(stats.quizAttempts);
    await waitFor('a picked role held in Discord', async () =>
      sim
        .calls({ method: 'PUT' })
        .some(
          (c) => c.path.endsWith(`/roles/${role('Artist')}`) || c.path.endsWith(`/roles/${role('Gamer')}`),
        ),
    );
    // A newcomer who agreed holds Member in Discord, not Pre-Member.
    await waitFor('a newcomer swapped to Member', async () =>
      sim.calls({ method: 'DELETE' }).some((c) => c.path.endsWith(`/roles/${role('Pre-Member')}`)),
    );
  });
});

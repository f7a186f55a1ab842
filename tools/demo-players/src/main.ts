import { DemoPlayers } from './demo-players';

/**
 * `node -r @swc-node/register tools/demo-players/src/main.ts`: demo members who read lessons,
 * take quizzes and pick roles on the simulator's demo guild (started by `npm start` only when it
 * runs on the simulator). Environment: AUTH_SECRET (required), SIM_URL (http://127.0.0.1:3900),
 * ONBOARDING_URL (http://127.0.0.1:3103), ROLES_URL (http://127.0.0.1:3102),
 * DEMO_PLAYERS_INTERVAL_MS (2000), DEMO_PLAYERS_MAX_ACTIONS (5000), DEMO_SEED (42).
 */
function positiveInt(name: string, fallback: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${name} "${text}" must be a positive integer`);
  return Number(text);
}

async function main(): Promise<void> {
  const secret = process.env.AUTH_SECRET;
  if (!secret)
    throw new Error('AUTH_SECRET is required: the players sign their tokens with the platform secret');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const players = new DemoPlayers({
    secret,
    simUrl: process.env.SIM_URL ?? 'http://127.0.0.1:3900',
    onboardingUrl: process.env.ONBOARDING_URL ?? 'http://127.0.0.1:3103',
    rolesUrl: process.env.ROLES_URL ?? 'http://127.0.0.1:3102',
    intervalMs: positiveInt('DEMO_PLAYERS_INTERVAL_MS', 2000),
    maxActions: positiveInt('DEMO_PLAYERS_MAX_ACTIONS', 5000),
    seed: positiveInt('DEMO_SEED', 42),
    log,
  });
  // Stopping is the normal end: `npm start` stops the platform when a child exits on its own.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stop = () => {
    players.stop();
    clearInterval(keepAlive);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const guildId = await players.prepare();
  log(`demo members are active in guild ${guildId}`);
  const stats = await players.run();
  log(`demo members done for this run: ${JSON.stringify(stats)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`demo players failed: ${(e as Error).message}\n`);
  process.exit(1);
});

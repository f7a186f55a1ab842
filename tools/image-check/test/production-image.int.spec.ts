import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_URL, freePort, NATS_URL, ServiceTestEnv, waitFor } from '@guildhall/testing';
import { parseDockerfile } from '../src/dockerfile';
import { definingModules, requireProblems } from '../src/image-modules';
import { ImageProcess } from '../src/image-process';
import { buildLocalRuntime, ROOT, type LocalRuntime } from '../src/local-runtime';
import { runtimeEnv, runtimeStageProblems } from '../src/runtime-stage';

/**
 * The production image without Docker (this machine has no engine): the Dockerfile's runtime stage
 * rebuilt in a temporary folder by the Dockerfile's own steps, and its processes started there with
 * node alone, as the image's user, on the real Postgres and NATS (a private schema and namespace).
 */
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const imageEnv = runtimeEnv(stages);
const secret = randomBytes(32).toString('hex');
const env = new ServiceTestEnv('xp', {}, 'image');
/** The gateway's schema beside xp's, in the same namespace, so the two talk; dropped at the end. */
const gatewaySchema = `gateway_t${env.id}`;
let runtime: LocalRuntime;
let xp: ImageProcess | undefined;
let sim: ImageProcess | undefined;
let gateway: ImageProcess | undefined;
let dashboard: ImageProcess | undefined;

beforeAll(async () => {
  runtime = await buildLocalRuntime(stages);
  await env.setup();
}, 15 * 60_000);

afterAll(async () => {
  for (const running of [dashboard, gateway, sim, xp]) await running?.stop();
  await env.db?.query(`DROP SCHEMA IF EXISTS "${gatewaySchema}" CASCADE`);
  await env.cleanup();
  runtime?.remove();
});

describe('the production image', () => {
  it('runs as a user other than root, with NODE_ENV=production and no devDependencies installed', () => {
    expect(runtimeStageProblems(stages)).toEqual([]);
    for (const tool of ['@swc-node/register', '@swc/core', 'typescript', 'jest', '@next/swc-linux-x64-gnu'])
      expect({ tool, installed: existsSync(join(runtime.dir, 'node_modules', tool)) }).toEqual({
        tool,
        installed: false,
      });
  });

  it('requires at runtime only production dependencies and the workspace packages it ships', () => {
    expect(requireProblems(runtime.dir, runtime.packages, runtime.dashboard)).toEqual([]);
  });

  it('loads every compiled module with node alone, decorators and their metadata included', () => {
    const modules = definingModules(runtime.dir, runtime.packages);
    expect(modules.length).toBeGreaterThan(100);
    const result = spawnSync(
      process.execPath,
      ['-e', 'for (const m of JSON.parse(process.env.MODULES)) require(m); process.exit(0)'],
      {
        cwd: runtime.dir,
        env: { ...imageEnv, MODULES: JSON.stringify(modules) },
        encoding: 'utf8',
        timeout: 60_000,
        ...(runtime.user ?? {}),
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('starts xp from compiled JavaScript, healthy on GET /health', async () => {
    xp = await ImageProcess.start(
      runtime,
      imageEnv,
      {
        SERVICE: 'xp',
        PORT: String(await freePort()),
        DATABASE_URL,
        NATS_URL,
        DB_SCHEMA: env.schema,
        EVENT_NAMESPACE: env.namespace,
        AUTH_SECRET: secret,
      },
      '/health',
    );
    const response = await fetch(`${xp.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'xp' });
    // As the image's user when this test may switch to it (as root); otherwise already not root.
    expect(xp.uid()).toBe(runtime.user?.uid ?? process.getuid?.());
    expect(xp.uid()).not.toBe(0);
  });

  it("carries the simulator's demo chat through the gateway to xp's leaderboard", async () => {
    const simPort = String(await freePort());
    sim = await ImageProcess.start(
      runtime,
      imageEnv,
      { SERVICE: 'discord-sim', PORT: simPort, HOST: '127.0.0.1', DISCORD_TOKEN: 'image-check-bot-token' },
      '/_sim/guilds',
    );
    const [guild] = (await (await fetch(`${sim.url}/_sim/guilds`)).json()) as { id: string }[];
    gateway = await ImageProcess.start(
      runtime,
      imageEnv,
      {
        SERVICE: 'gateway',
        PORT: String(await freePort()),
        DATABASE_URL,
        NATS_URL,
        DB_SCHEMA: gatewaySchema,
        EVENT_NAMESPACE: env.namespace,
        AUTH_SECRET: secret,
        DISCORD_TOKEN: 'image-check-bot-token',
        DISCORD_API_URL: `${sim.url}/api`,
      },
      '/health',
    );
    const leaderboard = `${xp?.url}/guilds/${guild.id}/leaderboard?limit=1`;
    await waitFor(
      'xp to award the demo chat',
      async () => ((await (await fetch(leaderboard)).json()) as { total: number }).total > 0,
      60_000,
    );
  });

  it('serves the dashboard from its production build, which sees xp', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const port = String(await freePort());
    dashboard = await ImageProcess.start(
      runtime,
      imageEnv,
      {
        SERVICE: 'dashboard',
        PORT: port,
        DASHBOARD_URL: `http://127.0.0.1:${port}`,
        AUTH_SECRET: secret,
        NATS_URL,
        EVENT_NAMESPACE: env.namespace,
        XP_URL: xp?.url ?? closed,
        ROLES_URL: closed,
        ONBOARDING_URL: closed,
      },
      '/api/health',
    );
    const response = await fetch(`${dashboard.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      service: 'dashboard',
      dependencies: { xp: { status: 'up' } },
    });
    expect((await fetch(`${dashboard.url}/`)).status).toBe(200);
  });

  it('stops every process cleanly on SIGTERM, as `docker stop` sends it', async () => {
    const codes = [];
    for (const running of [dashboard, gateway, sim, xp])
      codes.push([running?.service, await running?.stop()]);
    expect(codes).toEqual([
      ['dashboard', 0],
      ['gateway', 0],
      ['discord-sim', 0],
      ['xp', 0],
    ]);
  });
});

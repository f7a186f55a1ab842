#!/usr/bin/env node
// `npm start`: the whole platform on this machine. Without DISCORD_TOKEN it runs against the
// built-in Discord simulator playing a demo community, so a fresh clone shows something alive.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { ensureDashboardBuild } = require('./dashboard-build');

const root = path.resolve(__dirname, '..');
const tsNode = ['-r', '@swc-node/register'];
const children = [];
let stopping = false;

const SIM_PORT = Number(process.env.SIM_PORT ?? 3900);
const SIM_TOKEN = 'guildhall-demo-bot-token';
const SIM_APPLICATION_ID = '1100000000000000001';
const SIM_CLIENT_SECRET = 'guildhall-demo-client-secret';

function log(msg) {
  process.stdout.write(`[start] ${msg}\n`);
}

function reachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(host, port, what, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up on ${host}:${port} within ${seconds} s`);
}

/** Starts the machine's own Postgres/NATS if they are installed but stopped; otherwise explains. */
async function ensureInfrastructure() {
  if (!(await reachable('127.0.0.1', 5432))) {
    const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
    if (versions.length > 0) {
      log('starting the local PostgreSQL');
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start'], {
        stdio: 'inherit',
      });
    }
  }
  if (!(await reachable('127.0.0.1', 4222)) && fs.existsSync('/usr/sbin/nats-server')) {
    log('starting the local NATS server with JetStream');
    spawnSync(
      'start-stop-daemon',
      [
        '--start',
        '--oknodo',
        '--background',
        '--exec',
        '/usr/sbin/nats-server',
        '--',
        '-a',
        '127.0.0.1',
        '-p',
        '4222',
        '-js',
        '-sd',
        '/var/lib/nats-server',
        '-l',
        '/var/log/nats-server.log',
      ],
      { stdio: 'inherit' },
    );
  }
  try {
    await waitFor('127.0.0.1', 5432, 'PostgreSQL', 20);
    await waitFor('127.0.0.1', 4222, 'NATS', 20);
  } catch (e) {
    log(`${e.message}. Start them with: docker compose up -d postgres nats`);
    process.exit(1);
  }
}

function run(name, args, env, cwd = root) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  const pipe = (stream, out) => {
    let buf = '';
    stream.on('data', (chunk) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const line of lines) out.write(prefix + line + '\n');
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code}); stopping the platform`);
    shutdown(1);
  });
  children.push(child);
  return child;
}

function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(
    () => process.exit(code),
  );
}

/** Every port can move (`XP_PORT=4101 npm start`), so a second platform can run beside the first. */
const PORTS = {
  gateway: Number(process.env.GATEWAY_PORT ?? 3100),
  xp: Number(process.env.XP_PORT ?? 3101),
  roles: Number(process.env.ROLES_PORT ?? 3102),
  onboarding: Number(process.env.ONBOARDING_PORT ?? 3103),
  dashboard: Number(process.env.DASHBOARD_PORT ?? 3000),
};
/** Schemas are the service names unless prefixed (`DB_SCHEMA_PREFIX=try_` → `try_xp`). */
const SCHEMA_PREFIX = process.env.DB_SCHEMA_PREFIX ?? '';

async function main() {
  await ensureInfrastructure();
  const env = {
    // Services run as development unless told otherwise; the dashboard always runs its production build.
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    // A secret per run when none is configured: tokens only need to outlive this process tree.
    AUTH_SECRET: process.env.AUTH_SECRET ?? crypto.randomBytes(32).toString('hex'),
  };

  // Before anything starts: a build takes a minute, and a failed one should stop the start at once.
  const dashboard = path.join(root, 'apps', 'dashboard');
  const withDashboard = fs.existsSync(path.join(dashboard, 'package.json'));
  if (withDashboard) ensureDashboardBuild({ log, stdio: 'inherit' });

  if (!process.env.DISCORD_TOKEN) {
    log(`no DISCORD_TOKEN: starting the Discord simulator with a demo community on :${SIM_PORT}`);
    run('discord-sim', [...tsNode, 'tools/discord-sim/src/main.ts', '--demo'], {
      PORT: String(SIM_PORT),
      DISCORD_TOKEN: SIM_TOKEN,
      DISCORD_APPLICATION_ID: SIM_APPLICATION_ID,
      DISCORD_CLIENT_SECRET: SIM_CLIENT_SECRET,
    });
    await waitFor('127.0.0.1', SIM_PORT, 'the Discord simulator');
    Object.assign(env, {
      DISCORD_TOKEN: SIM_TOKEN,
      DISCORD_APPLICATION_ID: SIM_APPLICATION_ID,
      DISCORD_CLIENT_SECRET: SIM_CLIENT_SECRET,
      DISCORD_API_URL: `http://127.0.0.1:${SIM_PORT}/api`,
      DISCORD_OAUTH_URL: `http://127.0.0.1:${SIM_PORT}/oauth2/authorize`,
    });
  }

  const dashboardUrl = process.env.DASHBOARD_URL ?? `http://localhost:${PORTS.dashboard}`;
  const serviceUrls = {
    XP_URL: `http://127.0.0.1:${PORTS.xp}`,
    ROLES_URL: `http://127.0.0.1:${PORTS.roles}`,
    ONBOARDING_URL: `http://127.0.0.1:${PORTS.onboarding}`,
  };

  // Services migrate their own schemas on start; start them one by one so migrations don't race.
  for (const name of ['xp', 'roles', 'onboarding', 'gateway']) {
    if (!fs.existsSync(path.join(root, 'services', name, 'src', 'main.ts'))) continue;
    const port = PORTS[name];
    run(name, [...tsNode, `services/${name}/src/main.ts`], {
      ...env,
      PORT: String(port),
      DB_SCHEMA: `${SCHEMA_PREFIX}${name}`,
      DASHBOARD_URL: dashboardUrl,
    });
    await waitFor('127.0.0.1', port, name, 90);
    log(`${name} is up on http://localhost:${port}`);
  }

  // On the simulator: the demo owner confirms the onboarding setup, and demo members read lessons, take quizzes, pick roles.
  if (!process.env.DISCORD_TOKEN)
    run('demo-players', [...tsNode, 'tools/demo-players/src/main.ts'], {
      ...env,
      ...serviceUrls,
      SIM_URL: `http://127.0.0.1:${SIM_PORT}`,
    });

  if (withDashboard) {
    const next = require.resolve('next/dist/bin/next', { paths: [dashboard] });
    run(
      'dashboard',
      [next, 'start', '-p', String(PORTS.dashboard), '-H', '127.0.0.1'],
      {
        ...env,
        ...serviceUrls,
        NODE_ENV: 'production',
        PORT: String(PORTS.dashboard),
        DASHBOARD_URL: dashboardUrl,
      },
      dashboard,
    );
    await waitFor('127.0.0.1', PORTS.dashboard, 'the dashboard', 90);
    log(`dashboard: ${dashboardUrl}`);
  }
  log(
    `leaderboard of the demo guild: curl http://localhost:${PORTS.xp}/guilds/<guildId>/leaderboard (ids: curl localhost:${SIM_PORT}/_sim/guilds)`,
  );
  log('Ctrl-C stops everything');
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch((e) => {
  log(`failed: ${e.message}`);
  shutdown(1);
});

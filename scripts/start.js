#!/usr/bin/env node
// `npm start`: the whole platform on this machine. Without DISCORD_TOKEN it runs against the
// built-in Discord simulator playing a demo community, so a fresh clone shows something alive.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

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
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start'], { stdio: 'inherit' });
    }
  }
  if (!(await reachable('127.0.0.1', 4222)) && fs.existsSync('/usr/sbin/nats-server')) {
    log('starting the local NATS server with JetStream');
    spawnSync(
      'start-stop-daemon',
      ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/nats-server', '--', '-a', '127.0.0.1', '-p', '4222',
        '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log'],
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
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}

async function main() {
  await ensureInfrastructure();
  const env = {
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    // A secret per run when none is configured: tokens only need to outlive this process tree.
    AUTH_SECRET: process.env.AUTH_SECRET ?? crypto.randomBytes(32).toString('hex'),
  };

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

  // Services migrate their own schemas on start; start them one by one so migrations don't race.
  const services = [
    ['xp', 3101],
    ['roles', 3102],
    ['onboarding', 3103],
    ['gateway', 3100],
  ];
  for (const [name, port] of services) {
    if (!fs.existsSync(path.join(root, 'services', name, 'src', 'main.ts'))) continue;
    run(name, [...tsNode, `services/${name}/src/main.ts`], { ...env, PORT: String(port) });
    await waitFor('127.0.0.1', port, name, 90);
    log(`${name} is up on http://localhost:${port}`);
  }

  // On the simulator: the demo owner confirms the onboarding setup, and demo members read lessons, take quizzes, pick roles.
  if (!process.env.DISCORD_TOKEN) run('demo-players', [...tsNode, 'tools/demo-players/src/main.ts'], { ...env, SIM_URL: `http://127.0.0.1:${SIM_PORT}` });

  const dashboard = path.join(root, 'apps', 'dashboard');
  if (fs.existsSync(path.join(dashboard, 'package.json'))) {
    const next = require.resolve('next/dist/bin/next', { paths: [dashboard] });
    if (!fs.existsSync(path.join(dashboard, '.next', 'BUILD_ID'))) {
      log('building the dashboard (first start only)');
      const b = spawnSync(process.execPath, [next, 'build'], { cwd: dashboard, env: { ...process.env, ...env }, stdio: 'inherit' });
      if (b.status !== 0) throw new Error('the dashboard build failed');
    }
    run('dashboard', [next, 'start', '-p', '3000', '-H', '127.0.0.1'], {
      ...env,
      PORT: '3000',
      DASHBOARD_URL: process.env.DASHBOARD_URL ?? 'http://localhost:3000',
    }, dashboard);
    await waitFor('127.0.0.1', 3000, 'the dashboard', 90);
    log('dashboard: http://localhost:3000');
  }
  log('leaderboard of the demo guild: curl http://localhost:3101/guilds/<guildId>/leaderboard (see the xp log for ids)');
  log('Ctrl-C stops everything');
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch((e) => {
  log(`failed: ${e.message}`);
  shutdown(1);
});

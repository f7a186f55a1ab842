import 'reflect-metadata';
import { readFileSync, readdirSync } from 'node:fs';
import { connectNats } from '@guildhall/eventing';
import { PlatformRun } from './platform-run';
import { benchGuild, realPathThroughput } from './xp-path';

function cpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const name = cmd.includes('main.ts') ? cmd.split('/').slice(-3).join('/') : cmd.includes('nats-server') ? 'nats' : cmd.startsWith('postgres') ? 'postgres' : cmd.includes('bench') ? 'bench' : 'other';
      out.set(`${pid} ${name}`, ticks);
    } catch { /* gone */ }
  }
  return out;
}

(async () => {
  const nc = await connectNats('nats://127.0.0.1:4222', 'probe');
  const run = new PlatformRun('postgres://postgres@127.0.0.1:5432/postgres', 'nats://127.0.0.1:4222');
  try {
    await run.start(['xp']);
    const { guild, memberIds } = await benchGuild(run, 1000);
    await run.waitForBot();
    const before = cpu();
    const t0 = performance.now();
    const rate = await realPathThroughput(run, guild as never, memberIds, Number(process.env.N ?? 100_000));
    const wall = (performance.now() - t0) / 1000;
    const after = cpu();
    const by = new Map<string, number>();
    for (const [k, v] of after) {
      const d = v - (before.get(k) ?? 0);
      const name = k.split(' ').slice(1).join(' ');
      by.set(name, (by.get(name) ?? 0) + d / 100);
    }
    console.log(`rate ${rate.toFixed(0)} ev/s, wall ${wall.toFixed(2)} s, CPU s:`);
    for (const [k, v] of [...by].sort((a, b) => b[1] - a[1])) if (v > 0.05) console.log(`  ${v.toFixed(2)}  ${k}`);
  } finally {
    await run.stop(nc);
    await nc.close();
  }
})();

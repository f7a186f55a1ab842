import { barChart } from '../lib/report';
import { balanceTable, type BalanceCell, type BalanceOptions, type BalanceTable } from './partition-balance';

export const BALANCE: BalanceOptions = {
  guilds: 10_000,
  largest: 500_000,
  partitionCounts: [16, 64, 256],
  replicaCounts: [4, 16, 64],
  draws: 21,
  seed: 10,
};

/**
 * The partition-balance simulation as text: max/mean load per replica for every replica count
 * and P, beside the floor the largest guild sets. Takes well under a second.
 */
export function partitionBalanceReport(o: BalanceOptions = BALANCE): string {
  const table = balanceTable(o);
  const lines = [
    `Partition balance: ${o.guilds.toLocaleString('en-US')} guilds, Zipf sizes (exponent 1: the k-th largest has ${o.largest.toLocaleString('en-US')}/k members), load ∝ size`,
    `  max/mean load per replica, median (worst) of ${o.draws} draws of guild and replica ids; 1.00 is perfect`,
    `  ${'replicas'.padEnd(9)}${o.partitionCounts.map((p) => `P=${p}`.padStart(16)).join('')}${'largest guild'.padStart(16)}`,
  ];
  for (const r of o.replicaCounts) {
    const cols = o.partitionCounts.map((p) => {
      const c = cellOf(table, r, p);
      return `${c.median.toFixed(2)} (${c.worst.toFixed(2)})${c.idle > 0 ? '*' : ' '}`.padStart(16);
    });
    lines.push(
      `  ${String(r).padEnd(9)}${cols.join('')}${`≥ ${table.bounds.get(r)!.toFixed(2)}`.padStart(16)}`,
    );
  }
  for (const c of table.cells.filter((x) => x.idle > 0))
    lines.push(`  * P=${c.partitions}, ${c.replicas} replicas: ${c.idle} replicas hold no partition`);
  const share = table.largestShare;
  lines.push(
    '  "largest guild" is the floor for any assignment: a guild is never split. Hashing is blind to load, so',
    `  the replica holding the largest guild (${Math.round(share * 100)} % of all load) also gets its even share of the rest:`,
    `  about 1 + (R − 1) × ${share.toFixed(2)}, whatever P is. So P must be at least the most replicas you will run`,
    '  (beyond it they idle), and more than that changes little: past a handful of replicas the largest',
    '  guilds set the balance, not P.',
    '',
    chart(o, table),
  );
  return lines.join('\n');
}

function cellOf(table: BalanceTable, replicas: number, partitions: number): BalanceCell {
  return table.cells.find((c) => c.replicas === replicas && c.partitions === partitions)!;
}

function chart(o: BalanceOptions, table: BalanceTable): string {
  const rows = o.replicaCounts.flatMap((r) => [
    ...o.partitionCounts.map((p) => {
      const c = cellOf(table, r, p);
      return { label: `${r} replicas, P=${p}`, value: c.median, unit: '× mean' };
    }),
    { label: `${r} replicas, largest guild`, value: table.bounds.get(r)!, unit: '× mean' },
  ]);
  return barChart('Busiest replica over the mean, median (lower is better)', rows);
}

// `node -r @swc-node/register bench/scale-out/balance-report.ts`: the table alone, no servers needed.
if (require.main === module) process.stdout.write(partitionBalanceReport() + '\n');

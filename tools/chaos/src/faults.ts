import type { ServiceName } from '@guildhall/harness';
import type { ChaosPlatform } from './chaos-platform';

/** One fault as an operator meets it: something breaks, and after a while it is put right. */
export interface Fault {
  id: FaultId;
  name: string;
  inject(platform: ChaosPlatform): Promise<void>;
  recover(platform: ChaosPlatform): Promise<void>;
}

export type FaultId = 'xp' | 'roles' | 'onboarding' | 'postgres' | 'nats' | 'gateway' | 'xp-rolling';

const killed = (name: ServiceName): Fault => ({
  id: name as FaultId,
  name: `kill -9 ${name}`,
  inject: (p) => p.kill(name),
  recover: (p) => p.start(name),
});

export const FAULTS: Record<FaultId, Fault> = {
  xp: killed('xp'),
  roles: killed('roles'),
  onboarding: killed('onboarding'),
  postgres: {
    id: 'postgres',
    name: 'Postgres crash restart',
    // pg_ctl -m immediate: no checkpoint, crash recovery from the WAL on start.
    inject: (p) => p.postgres.crash(),
    recover: (p) => p.postgres.start(),
  },
  nats: {
    id: 'nats',
    name: 'kill -9 NATS, restart',
    inject: (p) => p.nats.crash(),
    recover: (p) => p.nats.start(),
  },
  gateway: killed('gateway'),
  'xp-rolling': {
    id: 'xp-rolling',
    name: 'xp rolling deploy',
    // Both processes run between the two steps, as the old and new pods of a RollingUpdate do.
    inject: (p) => p.startReplacement('xp'),
    recover: (p) => p.retire('xp'),
  },
};

/** `npm run chaos`'s order: each service, then the servers under them, then two of one. */
export const ALL_FAULTS: readonly FaultId[] = [
  'xp',
  'roles',
  'onboarding',
  'postgres',
  'nats',
  'gateway',
  'xp-rolling',
];

export function parseFaults(text: string): FaultId[] {
  const ids = text.split(',').map((s) => s.trim());
  const unknown = ids.filter((id) => !(id in FAULTS));
  if (unknown.length > 0)
    throw new Error(`unknown fault ${unknown.join(', ')}: choose from ${ALL_FAULTS.join(', ')}`);
  return ids as FaultId[];
}

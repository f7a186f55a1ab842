import { envelope, type Envelope, type RoleInfo } from '@guildhall/contracts';
import { ServiceTestEnv } from '@guildhall/testing';

export { DATABASE_URL, http, NATS_URL, waitFor, type Json } from '@guildhall/testing';

let seq = 0n;
/** A distinct snowflake per call, so envelope ids never collide across tests. */
export function snowflake(): string {
  seq += 1n;
  return String(1_400_000_000_000_000_000n + BigInt(process.pid) * 1_000_000_000n + seq);
}

/**
 * Strictly increasing event times near the wall clock: the service orders observations by them,
 * and web requests carry the time they were made.
 */
let clock = 0;
export const tick = (): string => new Date((clock = Math.max(clock + 1, Date.now()))).toISOString();

export const role = (id: string, name: string, position: number, over: Partial<RoleInfo> = {}): RoleInfo => ({
  id,
  name,
  position,
  permissions: '0',
  managed: false,
  color: 0,
  ...over,
});

export interface ActionRow {
  subject: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** A private schema and event namespace per test file; `cleanup` removes both. */
export class RolesTestEnv extends ServiceTestEnv {
  constructor() {
    // Fast retries and sweeps, so retry-and-report paths finish within a test.
    super('roles', { ROLES_RETRY_BASE_MS: '100', ROLES_SWEEP_MS: '50', ROLES_MAX_ATTEMPTS: '3' });
  }

  /** Publishes an envelope as the gateway / xp / onboarding would: `subject` unprefixed. */
  async publish<T>(
    subject: string,
    type: string,
    guildId: string,
    data: T,
    id = snowflake(),
    occurredAt = tick(),
  ): Promise<Envelope<T>> {
    const env = envelope({ id, type, guildId, occurredAt, source: 'test', data });
    await this.publisher.publish(subject, env);
    return env;
  }

  /** Everything the service wrote to its outbox under `actions.` (sent or not), oldest first. */
  async actions(kind?: string): Promise<ActionRow[]> {
    const { rows } = await this.db.query(
      `SELECT subject, payload FROM "${this.schema}".outbox WHERE subject LIKE 'actions.%' ORDER BY id`,
    );
    return rows
      .map((r) => ({
        subject: r.subject as string,
        id: r.payload.id,
        type: r.payload.type,
        data: r.payload.data,
      }))
      .filter((a) => kind === undefined || a.type === kind);
  }

  async roleActions(userId: string): Promise<ActionRow[]> {
    return (await this.actions()).filter(
      (a) => (a.type === 'role.add' || a.type === 'role.remove') && a.data.userId === userId,
    );
  }

  async domainEvents(type: string): Promise<Envelope[]> {
    const { rows } = await this.db.query(
      `SELECT payload FROM "${this.schema}".outbox WHERE payload->>'type' = $1 ORDER BY id`,
      [type],
    );
    return rows.map((r) => r.payload);
  }
}

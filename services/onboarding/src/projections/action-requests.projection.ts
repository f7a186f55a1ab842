import type { Fact } from '../domain/facts';
import type { RoleSlot } from '../domain/setup';
import { qualify, Queryable } from './queryable';

/** Why we sent an action whose result we wait for. */
export type ActionPurpose = { kind: 'role'; slot: RoleSlot } | { kind: 'rules_message' };

const purposeKey = (p: ActionPurpose): string => (p.kind === 'role' ? `role:${p.slot}` : 'rules_message');

function parsePurpose(key: string): ActionPurpose {
  if (key === 'rules_message') return { kind: 'rules_message' };
  return { kind: 'role', slot: key.slice('role:'.length) as RoleSlot };
}

/** Actions awaiting `gateway.<g>.action.{done,failed}`; results for anything else are not ours to read. */
export class ActionRequestsProjection {
  private readonly table: string;
  constructor(schema: string) {
    this.table = qualify(schema, 'action_requests');
  }

  async apply(db: Queryable, f: Fact): Promise<void> {
    switch (f.type) {
      case 'role.requested':
        await this.insert(db, f, f.data.actionId, { kind: 'role', slot: f.data.slot });
        return;
      case 'rules_message.requested':
        await this.insert(db, f, f.data.actionId, { kind: 'rules_message' });
        return;
      case 'role.failed':
      case 'rules_message.posted':
      case 'rules_message.failed':
        await db.query(`DELETE FROM ${this.table} WHERE action_id = $1`, [f.data.actionId]);
        return;
      case 'role.assigned':
        // However the slot got its role (created or adopted), nothing more is pending for it.
        await db.query(`DELETE FROM ${this.table} WHERE guild_id = $1 AND purpose = $2`, [
          f.guildId,
          purposeKey({ kind: 'role', slot: f.data.slot }),
        ]);
        return;
      default:
    }
  }

  private async insert(db: Queryable, f: Fact, actionId: string, purpose: ActionPurpose): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table} (action_id, guild_id, purpose, requested_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (action_id) DO NOTHING`,
      [actionId, f.guildId, purposeKey(purpose), f.occurredAt],
    );
  }

  async find(db: Queryable, actionId: string): Promise<{ guildId: string; purpose: ActionPurpose } | null> {
    const { rows } = await db.query(`SELECT guild_id, purpose FROM ${this.table} WHERE action_id = $1`, [
      actionId,
    ]);
    return rows.length === 0 ? null : { guildId: rows[0].guild_id, purpose: parsePurpose(rows[0].purpose) };
  }
}

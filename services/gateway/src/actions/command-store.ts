import type { CommandSpec } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import type { OwnerCommands } from './command-merge';

/** Each owner's last registration per guild: what the merged PUT is built from. */
export class CommandStore {
  constructor(private readonly schema: string) {}

  /** Serialises registrations of one guild across replicas until the transaction ends. */
  async lockGuild(tx: Tx, guildId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gateway.commands'), hashtext($1))`, [guildId]);
  }

  async save(tx: Tx, guildId: string, owner: string, commands: CommandSpec[]): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.schema}".guild_commands (guild_id, owner, commands, updated_at) VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (guild_id, owner) DO UPDATE SET commands = EXCLUDED.commands, updated_at = now()`,
      [guildId, owner, JSON.stringify(commands)],
    );
  }

  async all(tx: Tx, guildId: string): Promise<OwnerCommands[]> {
    const { rows } = await tx.query(
      `SELECT owner, commands FROM "${this.schema}".guild_commands WHERE guild_id = $1`,
      [guildId],
    );
    return rows.map((r: { owner: string; commands: CommandSpec[] }) => ({
      owner: r.owner,
      commands: r.commands,
    }));
  }
}

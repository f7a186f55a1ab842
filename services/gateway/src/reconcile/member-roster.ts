import { isEvent, type Envelope } from '@guildhall/contracts';
import type { Pool } from 'pg';
import type { ListedMember, RosterEntry } from './roster-diff';

interface RosterRow {
  guildId: string;
  userId: string;
  present: boolean;
  roleIds: readonly string[];
  nick: string | null;
}

const UPSERT = (s: string, onlyOlder: boolean) => `
  INSERT INTO ${s}.member_roster AS r (guild_id, user_id, present, role_ids, nick, updated_at)
  SELECT g, u, p, string_to_array(roles, ','), n, $6
    FROM unnest($1::text[], $2::text[], $3::bool[], $4::text[], $5::text[]) AS x(g, u, p, roles, n)
  ON CONFLICT (guild_id, user_id) DO UPDATE SET present = EXCLUDED.present,
    role_ids = EXCLUDED.role_ids, nick = EXCLUDED.nick, updated_at = EXCLUDED.updated_at
  ${onlyOlder ? 'WHERE r.updated_at < EXCLUDED.updated_at' : ''}`;

/**
 * The gateway's record of what the stream was told about each member: written from member
 * events after the stream acknowledged them (one statement per published batch, in order),
 * read when a guild is reconciled after a session that could not be resumed.
 */
export class MemberRoster {
  private readonly s: string;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly onError: (e: unknown) => void,
  ) {
    this.s = `"${schema}"`;
  }

  /** Member events among `events` go into the roster; later ones of a member win. */
  record(events: readonly { envelope: Envelope }[]): void {
    const rows = new Map<string, RosterRow>();
    for (const { envelope: e } of events) {
      const row = rosterRow(e);
      if (row) rows.set(`${row.guildId}:${row.userId}`, row);
    }
    if (rows.size === 0) return;
    const at = new Date();
    this.writes = this.writes.then(() => this.upsert([...rows.values()], at, false)).catch(this.onError);
  }

  /** Resolves once every recorded event is written. */
  settled(): Promise<void> {
    return this.writes;
  }

  /** Whether the roster has the user in the guild; false also when it has not heard of them. */
  async isMember(guildId: string, userId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ present: boolean }>(
      `SELECT present FROM ${this.s}.member_roster WHERE guild_id = $1 AND user_id = $2`,
      [guildId, userId],
    );
    return rows[0]?.present === true;
  }

  async guild(guildId: string): Promise<{ seeded: boolean; entries: Map<string, RosterEntry> }> {
    const [g, m] = await Promise.all([
      this.pool.query<{ seeded: boolean }>(`SELECT seeded FROM ${this.s}.roster_guilds WHERE guild_id = $1`, [
        guildId,
      ]),
      this.pool.query<{
        user_id: string;
        present: boolean;
        role_ids: string[];
        nick: string | null;
        updated_at: Date;
      }>(
        `SELECT user_id, present, role_ids, nick, updated_at FROM ${this.s}.member_roster WHERE guild_id = $1`,
        [guildId],
      ),
    ]);
    const entries = new Map<string, RosterEntry>();
    for (const r of m.rows)
      entries.set(r.user_id, {
        present: r.present,
        roleIds: r.role_ids,
        nick: r.nick,
        updatedAt: r.updated_at,
      });
    return { seeded: g.rows[0]?.seeded === true, entries };
  }

  /** A reconcile of `guildId` for `sessionId` has begun; until `finish`, a restart runs it again. */
  async begin(guildId: string, sessionId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.roster_guilds (guild_id, pending_session) VALUES ($1, $2)
       ON CONFLICT (guild_id) DO UPDATE SET pending_session = EXCLUDED.pending_session`,
      [guildId, sessionId],
    );
  }

  async finish(guildId: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.s}.roster_guilds SET seeded = true, pending_session = NULL, reconciled_at = now()
       WHERE guild_id = $1`,
      [guildId],
    );
  }

  async pending(): Promise<Array<{ guildId: string; sessionId: string }>> {
    const { rows } = await this.pool.query<{ guild_id: string; pending_session: string }>(
      `SELECT guild_id, pending_session FROM ${this.s}.roster_guilds WHERE pending_session IS NOT NULL`,
    );
    return rows.map((r) => ({ guildId: r.guild_id, sessionId: r.pending_session }));
  }

  /** The first picture of a guild: Discord's list as of `listedAt`, without telling the stream anything. */
  async seed(guildId: string, listed: readonly ListedMember[], listedAt: Date): Promise<void> {
    await this.upsert(
      listed.map((m) => ({ guildId, userId: m.userId, present: true, roleIds: m.roleIds, nick: m.nick })),
      listedAt,
      true,
    );
    await this.pool.query(
      `UPDATE ${this.s}.member_roster SET present = false, role_ids = '{}', updated_at = $2
       WHERE guild_id = $1 AND present AND updated_at < $2 AND NOT (user_id = ANY($3::text[]))`,
      [guildId, listedAt, listed.map((m) => m.userId)],
    );
  }

  private async upsert(rows: readonly RosterRow[], at: Date, onlyOlder: boolean): Promise<void> {
    await this.pool.query(UPSERT(this.s, onlyOlder), [
      rows.map((r) => r.guildId),
      rows.map((r) => r.userId),
      rows.map((r) => r.present),
      rows.map((r) => r.roleIds.join(',')),
      rows.map((r) => r.nick),
      at,
    ]);
  }
}

// The envelopes are the gateway's own, built by translate/, so their type tells their data.
function rosterRow(e: Envelope): RosterRow | undefined {
  if (isEvent(e, 'member.joined'))
    return { guildId: e.guildId, userId: e.data.userId, present: true, roleIds: e.data.roleIds, nick: null };
  if (isEvent(e, 'member.updated'))
    return {
      guildId: e.guildId,
      userId: e.data.userId,
      present: true,
      roleIds: e.data.roleIds,
      nick: e.data.nick ?? null,
    };
  if (isEvent(e, 'member.left'))
    return { guildId: e.guildId, userId: e.data.userId, present: false, roleIds: [], nick: null };
  return undefined;
}

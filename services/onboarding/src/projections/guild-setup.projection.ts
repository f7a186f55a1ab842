import type { Fact } from '../domain/facts';
import {
  withRoles,
  ActionFailure,
  DEFAULT_SETTINGS,
  GuildFacts,
  GuildSettings,
  RoleRequest,
  RoleSlot,
  RulesMessageState,
} from '../domain/setup';
import type { SetupProposal } from '../domain/setup-proposal';
import { qualify, Queryable } from './queryable';

/** A guild's setup as moderators and Discord left it. */
export interface GuildSetup {
  guildId: string;
  settings: GuildSettings;
  roleRequests: Partial<Record<RoleSlot, RoleRequest>>;
  guild: GuildFacts | null;
  rulesMessage: RulesMessageState | null;
  lastFailure: ActionFailure | null;
  /** Until a moderator confirms (or saves) a setup, what onboarding proposes; nothing of it is live. */
  proposal: SetupProposal | null;
  confirmedAt: string | null;
  updatedAt: string | null;
}

export const emptySetup = (guildId: string): GuildSetup => ({
  guildId,
  settings: { ...DEFAULT_SETTINGS },
  roleRequests: {},
  guild: null,
  rulesMessage: null,
  lastFailure: null,
  proposal: null,
  confirmedAt: null,
  updatedAt: null,
});

/** Pure: how one fact changes a guild's setup. */
export function evolveSetup(s: GuildSetup, f: Fact): GuildSetup {
  const next = { ...s, updatedAt: f.occurredAt };
  switch (f.type) {
    case 'setup.updated':
      // Saving the setup is the moderator's answer to the last failure; a new one will show if it recurs.
      return {
        ...next,
        settings: { ...f.data.settings },
        lastFailure: null,
        confirmedAt: s.confirmedAt ?? f.occurredAt,
      };
    case 'setup.proposed':
      return { ...next, proposal: f.data.proposal };
    case 'action.failed':
      return {
        ...next,
        lastFailure: {
          kind: f.data.kind,
          error: f.data.error,
          httpStatus: f.data.httpStatus,
          at: f.occurredAt,
        },
      };
    case 'guild.synced':
      return { ...next, guild: f.data };
    case 'guild.role_upserted': {
      if (s.guild === null) return s;
      return {
        ...next,
        guild: withRoles(s.guild, [...s.guild.roles.filter((r) => r.id !== f.data.role.id), f.data.role]),
      };
    }
    case 'guild.role_deleted':
      if (s.guild === null) return s;
      return {
        ...next,
        guild: withRoles(
          s.guild,
          s.guild.roles.filter((r) => r.id !== f.data.roleId),
        ),
      };
    case 'role.requested':
      return {
        ...next,
        roleRequests: {
          ...s.roleRequests,
          [f.data.slot]: { status: 'creating', actionId: f.data.actionId, name: f.data.name },
        },
      };
    case 'role.assigned': {
      const roleRequests = { ...s.roleRequests };
      delete roleRequests[f.data.slot];
      const key = f.data.slot === 'preMember' ? 'preMemberRoleId' : 'memberRoleId';
      // A role a moderator chose while ours was being created wins over the one Discord made.
      if (s.settings[key] !== null) return { ...next, roleRequests };
      return { ...next, roleRequests, settings: { ...s.settings, [key]: f.data.roleId } };
    }
    case 'role.failed': {
      const { slot, actionId, name, error, httpStatus } = f.data;
      return {
        ...next,
        roleRequests: { ...s.roleRequests, [slot]: { status: 'failed', actionId, name, error, httpStatus } },
      };
    }
    case 'rules_message.requested':
      return {
        ...next,
        rulesMessage: { status: 'posting', channelId: f.data.channelId, actionId: f.data.actionId },
      };
    case 'rules_message.posted':
      // A result for an older post must not overwrite the state of the latest one.
      if (s.rulesMessage?.actionId !== f.data.actionId) return s;
      return { ...next, rulesMessage: { ...s.rulesMessage, status: 'posted', messageId: f.data.messageId } };
    case 'rules_message.failed':
      if (s.rulesMessage?.actionId !== f.data.actionId) return s;
      return {
        ...next,
        rulesMessage: {
          channelId: s.rulesMessage.channelId,
          actionId: f.data.actionId,
          status: 'failed',
          error: f.data.error,
          httpStatus: f.data.httpStatus,
        },
      };
    default:
      return s;
  }
}

const TOUCHES = new Set<Fact['type']>([
  'setup.updated',
  'setup.proposed',
  'guild.synced',
  'guild.role_upserted',
  'guild.role_deleted',
  'role.requested',
  'role.assigned',
  'role.failed',
  'rules_message.requested',
  'rules_message.posted',
  'rules_message.failed',
  'action.failed',
]);

export class GuildSetupProjection {
  private readonly table: string;
  constructor(schema: string) {
    this.table = qualify(schema, 'guild_setup');
  }

  async apply(db: Queryable, f: Fact): Promise<void> {
    if (!TOUCHES.has(f.type)) return;
    const next = evolveSetup(await this.load(db, f.guildId), f);
    await db.query(
      `INSERT INTO ${this.table} (guild_id, settings, role_requests, guild, rules_message, last_failure, updated_at, proposal, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (guild_id) DO UPDATE SET settings = EXCLUDED.settings, role_requests = EXCLUDED.role_requests,
         guild = EXCLUDED.guild, rules_message = EXCLUDED.rules_message, last_failure = EXCLUDED.last_failure,
         updated_at = EXCLUDED.updated_at, proposal = EXCLUDED.proposal, confirmed_at = EXCLUDED.confirmed_at`,
      [
        f.guildId,
        JSON.stringify(next.settings),
        JSON.stringify(next.roleRequests),
        next.guild === null ? null : JSON.stringify(next.guild),
        next.rulesMessage === null ? null : JSON.stringify(next.rulesMessage),
        next.lastFailure === null ? null : JSON.stringify(next.lastFailure),
        next.updatedAt ?? f.occurredAt,
        next.proposal === null ? null : JSON.stringify(next.proposal),
        next.confirmedAt,
      ],
    );
  }

  async load(db: Queryable, guildId: string): Promise<GuildSetup> {
    const { rows } = await db.query(
      `SELECT settings, role_requests, guild, rules_message, last_failure, updated_at, proposal, confirmed_at FROM ${this.table} WHERE guild_id = $1`,
      [guildId],
    );
    if (rows.length === 0) return emptySetup(guildId);
    const r = rows[0];
    return {
      guildId,
      // Settings added after a row was written take their defaults.
      settings: { ...DEFAULT_SETTINGS, ...r.settings },
      roleRequests: r.role_requests,
      guild: r.guild,
      rulesMessage: r.rules_message,
      lastFailure: r.last_failure,
      proposal: r.proposal,
      confirmedAt: r.confirmed_at === null ? null : new Date(r.confirmed_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }
}

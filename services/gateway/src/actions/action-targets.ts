import { ActionType, type AnyEnvelope } from '@guildhall/contracts';
import { DiscordAPIError, type Client, type REST } from 'discord.js';
import { Routes, type APIChannel, type APIRole } from 'discord-api-types/v10';
import { outcomeOfError, type ActionOutcome, type TargetKind } from './action-outcome';

export interface ActionTargetsDeps {
  /** discord.js' caches: the channels (threads included) and roles of every guild this process's shards hold. */
  client: Pick<Client, 'channels' | 'guilds'>;
  rest: Pick<REST, 'get'>;
  /** Whether the gateway's member roster has the user in the guild now. */
  isMember(guildId: string, userId: string): Promise<boolean>;
  /** How many channel and role ids learnt over REST are remembered. */
  rememberIds?: number;
}

/** A channel or role never changes guild, so what Discord once said of one holds for good. */
const REMEMBER_IDS = 50_000;

/**
 * Refuses an action whose channel, role or member is not in the action's guild, before any
 * Discord call: a service (or a forged action) may name any id, and `POST /channels/{id}/messages`
 * does not say which guild it posts in, so without this a moderator of one server could make the
 * bot post in another's. Channels and roles come from discord.js' cache; one it does not hold (a
 * guild of a shard another process holds, a role made a moment ago) is asked of Discord once.
 * Members come from the roster; one it lacks (a join not yet recorded) is asked of Discord,
 * which only reads: the grant itself is refused unless Discord says the member is there.
 */
export class ActionTargets {
  private readonly guildOf = new Map<string, string | null>();
  private readonly remember: number;

  constructor(private readonly deps: ActionTargetsDeps) {
    this.remember = deps.rememberIds ?? REMEMBER_IDS;
  }

  /** The failed outcome for an action with a target outside its guild; undefined when every target is in it. */
  async refusal(action: AnyEnvelope): Promise<ActionOutcome | undefined> {
    try {
      const refused = await this.outside(action);
      if (!refused) return undefined;
      return { ok: false, error: `refused: ${refused.reason}`, retryable: false, refused: refused.kind };
    } catch (e) {
      // Discord could not be asked (down, rate limited): the action is tried again, never run unchecked.
      return outcomeOfError(e);
    }
  }

  private async outside(action: AnyEnvelope): Promise<{ kind: TargetKind; reason: string } | undefined> {
    const g = action.guildId;
    switch (action.type) {
      case ActionType.MessageSend:
      case ActionType.MessageDelete: {
        // A message is addressed through its channel (/channels/{c}/messages/{m}): the channel decides.
        const { channelId } = action.data;
        const owner = await this.channelGuild(channelId);
        if (owner === g) return undefined;
        const why =
          owner === undefined
            ? `channel ${channelId} is not a channel the bot can see in guild ${g}`
            : owner === null
              ? `channel ${channelId} is a direct message channel, not a channel of guild ${g}`
              : `channel ${channelId} is not a channel of guild ${g}`;
        return { kind: 'channel', reason: why };
      }
      case ActionType.RoleAdd:
      case ActionType.RoleRemove: {
        const { roleId, userId } = action.data;
        if (!(await this.roleInGuild(g, roleId)))
          return { kind: 'role', reason: `role ${roleId} is not a role of guild ${g}` };
        if (!(await this.memberOf(g, userId)))
          return { kind: 'member', reason: `user ${userId} is not a member of guild ${g}` };
        return undefined;
      }
      default:
        // role.create and commands.register name only their guild; interaction answers go to
        // the interaction their token belongs to.
        return undefined;
    }
  }

  /** The guild id, null for a channel outside any guild (a DM), undefined when the bot cannot see it. */
  private async channelGuild(channelId: string): Promise<string | null | undefined> {
    const cached = this.deps.client.channels.cache.get(channelId);
    if (cached) return cached.isDMBased() ? null : cached.guildId;
    if (this.guildOf.has(channelId)) return this.guildOf.get(channelId);
    const channel = await visible(() => this.deps.rest.get(Routes.channel(channelId)) as Promise<APIChannel>);
    if (!channel) return undefined;
    const guildId = 'guild_id' in channel && channel.guild_id ? channel.guild_id : null;
    this.learn(channelId, guildId);
    return guildId;
  }

  private async roleInGuild(guildId: string, roleId: string): Promise<boolean> {
    const guilds = this.deps.client.guilds.cache;
    if (guilds.get(guildId)?.roles.cache.has(roleId)) return true;
    const learnt = this.guildOf.get(roleId);
    if (learnt !== undefined) return learnt === guildId;
    // Role ids are unique across Discord: one another guild holds is not this guild's.
    if (guilds.some((other) => other.id !== guildId && other.roles.cache.has(roleId))) return false;
    const roles = await visible(() => this.deps.rest.get(Routes.guildRoles(guildId)) as Promise<APIRole[]>);
    for (const r of roles ?? []) this.learn(r.id, guildId);
    return roles?.some((r) => r.id === roleId) ?? false;
  }

  private async memberOf(guildId: string, userId: string): Promise<boolean> {
    if (await this.deps.isMember(guildId, userId)) return true;
    return (await visible(() => this.deps.rest.get(Routes.guildMember(guildId, userId)))) !== undefined;
  }

  private learn(id: string, guildId: string | null): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.guildOf.size >= this.remember) this.guildOf.delete(this.guildOf.keys().next().value!);
    this.guildOf.set(id, guildId);
  }
}

/** Discord's answer, or undefined when it says the thing is unknown (404) or hidden from the bot (403). */
async function visible<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (e) {
    if (e instanceof DiscordAPIError && (e.status === 404 || e.status === 403)) return undefined;
    throw e;
  }
}

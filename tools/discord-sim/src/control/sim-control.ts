import { ComponentType, type APIGuildMember, type APIMessage, type APIRole } from 'discord-api-types/v10';
import { unknown } from '../http/api-error';
import type { CallFilter, RecordedCall } from '../rest/call-recorder';
import type { Fault, FaultInput } from '../rest/fault-injector';
import type { GatewayLogin, LoginFilter } from '../gateway/gateway-logins';
import type { SessionInfo } from '../gateway/gateway-server';
import type { SimContext } from '../sim-context';
import { createChannel, createGuild, type ChannelInput, type GuildInput } from '../state/guild-ops';
import { deleteChannel, updateChannel, type ChannelPatch } from '../state/channel-ops';
import {
  commandInteraction,
  componentInteraction,
  type CommandOptionsInput,
} from '../state/interaction-payloads';
import {
  addMember,
  memberChanged,
  removeMember,
  setMemberRoles,
  type MemberInput,
} from '../state/member-ops';
import { postMessage } from '../state/message-ops';
import type { SimChannel, SimGuild } from '../state/model';
import { memberPayload } from '../state/payloads';
import { createRole, deleteRole, updateRole, type RoleInput } from '../state/role-ops';
import { guildView, type GuildView } from './control-views';
import { runInteraction, viewOf, type InteractionView } from './interaction-driver';

export interface ControlMessageInput {
  guildId?: string;
  channelId: string;
  authorId: string;
  content?: string;
  /** ISO time; the message id is derived from it, so discord.js `createdAt` equals it. */
  timestamp?: string;
  embeds?: APIMessage['embeds'];
}

export interface CommandInput {
  guildId: string;
  channelId: string;
  userId: string;
  name: string;
  options?: CommandOptionsInput;
  waitMs?: number;
}

export interface ComponentInput {
  guildId: string;
  channelId: string;
  userId: string;
  messageId: string;
  customId: string;
  componentType?: ComponentType;
  values?: string[];
  waitMs?: number;
}

/** Everything tests, benchmarks and the demo can do to the simulated Discord; /_sim mirrors it. */
export class SimControl {
  constructor(protected readonly sim: SimContext) {}

  createGuild(input: GuildInput): GuildView {
    return guildView(this.sim.world, createGuild(this.sim.world, input));
  }

  getGuild(guildId: string, withMembers = true): GuildView {
    return guildView(this.sim.world, this.sim.world.guild(guildId), withMembers);
  }

  listGuilds(): GuildView[] {
    return [...this.sim.world.guilds.values()].map((g) => guildView(this.sim.world, g, false));
  }

  addMember(guildId: string, input: MemberInput): APIGuildMember {
    const guild = this.sim.world.guild(guildId);
    const member = addMember(this.sim.world, guild, input);
    return memberPayload(member, this.sim.world.user(member.userId));
  }

  removeMember(guildId: string, userId: string): void {
    const guild = this.sim.world.guild(guildId);
    removeMember(this.sim.world, guild, this.sim.world.member(guild, userId));
  }

  getMember(guildId: string, userId: string): APIGuildMember {
    const guild = this.sim.world.guild(guildId);
    return memberPayload(this.sim.world.member(guild, userId), this.sim.world.user(userId));
  }

  /** Changes a member as an admin would in the Discord client (no bot permission checks). */
  updateMember(
    guildId: string,
    userId: string,
    patch: { roles?: string[]; nick?: string | null },
  ): APIGuildMember {
    const { world } = this.sim;
    const guild = world.guild(guildId);
    const member = world.member(guild, userId);
    if (patch.nick !== undefined) member.nick = patch.nick;
    if (patch.roles) setMemberRoles(world, guild, member, patch.roles);
    else if (patch.nick !== undefined) memberChanged(world, guild, member);
    return memberPayload(member, world.user(userId));
  }

  createRole(guildId: string, input: RoleInput & { aboveBot?: boolean }): APIRole {
    const guild = this.sim.world.guild(guildId);
    const botTop =
      guildView(this.sim.world, guild, false).roles.find((r) => r.tags?.bot_id === this.sim.world.bot.id)
        ?.position ?? 1;
    const position = input.aboveBot ? botTop + 1 : input.position;
    return createRole(this.sim.world, guild, { ...input, position });
  }

  updateRole(guildId: string, roleId: string, patch: RoleInput): APIRole {
    const guild = this.sim.world.guild(guildId);
    const role = guild.roles.get(roleId);
    if (!role) throw unknown.role();
    return updateRole(this.sim.world, guild, role, patch);
  }

  deleteRole(guildId: string, roleId: string): void {
    const guild = this.sim.world.guild(guildId);
    const role = guild.roles.get(roleId);
    if (!role) throw unknown.role();
    deleteRole(this.sim.world, guild, role);
  }

  createChannel(guildId: string, input: ChannelInput): SimChannel {
    return createChannel(this.sim.world, this.sim.world.guild(guildId), input);
  }

  updateChannel(guildId: string, channelId: string, patch: ChannelPatch): SimChannel {
    return updateChannel(this.sim.world, this.ownChannel(guildId, channelId), patch);
  }

  deleteChannel(guildId: string, channelId: string): void {
    deleteChannel(this.sim.world, this.ownChannel(guildId, channelId));
  }

  private ownChannel(guildId: string, channelId: string): { guild: SimGuild; channel: SimChannel } {
    const found = this.sim.world.channel(channelId);
    if (found.guild.id !== guildId) throw unknown.channel();
    return found;
  }

  /** A member posts a message: stored and dispatched as MESSAGE_CREATE. */
  postMessage(input: ControlMessageInput): APIMessage {
    const { world } = this.sim;
    const { guild, channel } = world.textChannel(input.channelId);
    if (input.guildId && input.guildId !== guild.id) throw unknown.channel();
    world.member(guild, input.authorId);
    return postMessage(world, {
      guild,
      channelId: channel.id,
      author: world.user(input.authorId),
      content: input.content ?? '',
      timestamp: input.timestamp,
      embeds: input.embeds,
    });
  }

  /** Many messages at once, for benchmarks: returns only the count and the id range. */
  postMessages(messages: ControlMessageInput[]): {
    count: number;
    firstId: string | null;
    lastId: string | null;
  } {
    let firstId: string | null = null;
    let lastId: string | null = null;
    for (const input of messages) {
      lastId = this.postMessage(input).id;
      firstId ??= lastId;
    }
    return { count: messages.length, firstId, lastId };
  }

  /** Messages in a channel, oldest first; by default only the bot's (what it posted). */
  channelMessages(
    guildId: string,
    channelId: string,
    opts: { all?: boolean; limit?: number } = {},
  ): APIMessage[] {
    const { world } = this.sim;
    const { guild } = world.channel(channelId);
    if (guild.id !== guildId) throw unknown.channel();
    const log = world.channelMessages.get(channelId) ?? [];
    const list = opts.all ? log : log.filter((m) => m.author.id === world.bot.id);
    return list.slice(-(opts.limit ?? 100));
  }

  runCommand(input: CommandInput): Promise<InteractionView> {
    const { world } = this.sim;
    const guild = world.guild(input.guildId);
    const id = world.ids.next();
    const base = { guild, channelId: input.channelId, userId: input.userId, id };
    world.member(guild, input.userId);
    return runInteraction(
      this.sim,
      {
        id,
        kind: 'command',
        guildId: guild.id,
        channelId: input.channelId,
        userId: input.userId,
        sourceMessageId: null,
      },
      (token) => commandInteraction(world, { ...base, token, name: input.name, options: input.options }),
      input.waitMs,
    );
  }

  clickComponent(input: ComponentInput): Promise<InteractionView> {
    const { world } = this.sim;
    const guild = world.guild(input.guildId);
    const message = world.messages.get(input.messageId);
    if (!message || message.channel_id !== input.channelId) throw unknown.message();
    world.member(guild, input.userId);
    const id = world.ids.next();
    const base = { guild, channelId: input.channelId, userId: input.userId, id };
    return runInteraction(
      this.sim,
      {
        id,
        kind: 'component',
        guildId: guild.id,
        channelId: input.channelId,
        userId: input.userId,
        sourceMessageId: message.id,
      },
      (token) =>
        componentInteraction(world, {
          ...base,
          token,
          message,
          customId: input.customId,
          componentType: input.componentType,
          values: input.values,
        }),
      input.waitMs,
    );
  }

  getInteraction(interactionId: string): InteractionView {
    const record = this.sim.interactions.get(interactionId);
    if (!record) throw unknown.interaction();
    return viewOf(record);
  }

  calls(filter: CallFilter = {}): RecordedCall[] {
    return this.sim.calls.list(filter);
  }

  clearCalls(): void {
    this.sim.calls.clear();
  }

  injectFault(input: FaultInput): Fault {
    return this.sim.faults.add(input);
  }

  faults(): Fault[] {
    return this.sim.faults.list();
  }

  clearFaults(): void {
    this.sim.faults.clear();
  }

  gatewaySessions(): SessionInfo[] {
    return this.sim.gateway.info();
  }

  /** Every IDENTIFY and RESUME the gateway received, oldest first, with shard, time and outcome. */
  gatewayLogins(filter: LoginFilter = {}): GatewayLogin[] {
    return this.sim.gateway.logins.list(filter);
  }

  /** Drops gateway sockets like a network failure (the client resumes), or closes them with `code`. */
  disconnectGateway(filter: { sessionId?: string; shardId?: number; code?: number } = {}): number {
    return this.sim.gateway.disconnect(filter);
  }
}

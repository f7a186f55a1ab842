import type {
  CommandsRegister,
  InteractionDefer,
  InteractionReply,
  InteractionUpdate,
  MessageDelete,
  MessageSend,
  RoleChange,
  RoleCreate,
  RoleGrant,
} from './actions';
import type {
  ChannelDeleted,
  ChannelUpserted,
  GuildSynced,
  InteractionCommand,
  InteractionComponent,
  MemberJoined,
  MemberLeft,
  MemberUpdated,
  MessageCreated,
  RoleDeleted,
  RoleUpserted,
} from './discord';
import type { Envelope } from './envelope';
import type { ActionResult } from './gateway';
import type { QuizAttempted, QuizCompleted, RulesAgreed, RulesPublished } from './onboarding';
import type {
  RolesRequestAccepted,
  RolesRequestApplied,
  RolesRequestFailed,
  RolesRequestRefused,
} from './roles';
import type { XpAwarded, XpLevelReached } from './xp';

/**
 * Every envelope `type` of the platform and the shape of its `data`, version 1. The registry
 * validates exactly these (a unit spec holds the two together), so an envelope a consumer hands
 * over is one of them, and a `switch` on its `type` narrows its `data` with no cast.
 */
export interface EventCatalogue {
  // Facts the gateway observed in Discord (DISCORD); guild, role and channel ones feed the directories.
  'message.created': MessageCreated;
  'member.joined': MemberJoined;
  'member.left': MemberLeft;
  'member.updated': MemberUpdated;
  'interaction.command': InteractionCommand;
  'interaction.component': InteractionComponent;
  'guild.synced': GuildSynced;
  'role.upserted': RoleUpserted;
  'role.deleted': RoleDeleted;
  'channel.upserted': ChannelUpserted;
  'channel.deleted': ChannelDeleted;
  // Domain facts of the services (DOMAIN).
  'xp.awarded': XpAwarded;
  'xp.level_reached': XpLevelReached;
  'roles.request_accepted': RolesRequestAccepted;
  'roles.request_refused': RolesRequestRefused;
  'roles.request_applied': RolesRequestApplied;
  'roles.request_failed': RolesRequestFailed;
  'onboarding.rules_agreed': RulesAgreed;
  'onboarding.rules_published': RulesPublished;
  'onboarding.quiz_attempted': QuizAttempted;
  'onboarding.quiz_completed': QuizCompleted;
  // Actions for the gateway (ACTIONS) and its results (DOMAIN).
  'interaction.reply': InteractionReply;
  'interaction.defer': InteractionDefer;
  'interaction.update': InteractionUpdate;
  'message.send': MessageSend;
  'message.delete': MessageDelete;
  'role.add': RoleGrant;
  'role.remove': RoleChange;
  'commands.register': CommandsRegister;
  'role.create': RoleCreate;
  'action.done': ActionResult;
  'action.failed': ActionResult;
}

export type EventType = keyof EventCatalogue;

/**
 * An envelope of one catalogued type: its `type` is the literal, its `data` that type's. Given
 * several types it is their discriminated union, so `EnvelopeOf<'role.upserted' | 'role.deleted'>`
 * narrows on `type` like any consumed batch.
 */
export type EnvelopeOf<K extends EventType> = K extends EventType
  ? Envelope<EventCatalogue[K]> & { type: K }
  : never;

/** Any catalogued envelope: a union discriminated by `type`. */
export type AnyEnvelope = EnvelopeOf<EventType>;

// A mapped type, so a name missing here, or here but not in the catalogue, fails to compile.
const CATALOGUED: { readonly [K in EventType]: true } = {
  'message.created': true,
  'member.joined': true,
  'member.left': true,
  'member.updated': true,
  'interaction.command': true,
  'interaction.component': true,
  'guild.synced': true,
  'role.upserted': true,
  'role.deleted': true,
  'channel.upserted': true,
  'channel.deleted': true,
  'xp.awarded': true,
  'xp.level_reached': true,
  'roles.request_accepted': true,
  'roles.request_refused': true,
  'roles.request_applied': true,
  'roles.request_failed': true,
  'onboarding.rules_agreed': true,
  'onboarding.rules_published': true,
  'onboarding.quiz_attempted': true,
  'onboarding.quiz_completed': true,
  'interaction.reply': true,
  'interaction.defer': true,
  'interaction.update': true,
  'message.send': true,
  'message.delete': true,
  'role.add': true,
  'role.remove': true,
  'commands.register': true,
  'role.create': true,
  'action.done': true,
  'action.failed': true,
};

/** The catalogue's type names at run time. */
export const EVENT_TYPES = Object.freeze(Object.keys(CATALOGUED)) as readonly EventType[];

/**
 * Narrows an envelope to one type by its `type` alone: it trusts `data` to match, which holds
 * for envelopes a consumer hands over (the registry validated them) and for those built with
 * `event()`. Nothing is allocated, so it suits the hottest loops.
 */
export function isEvent<K extends EventType>(e: Envelope, type: K): e is EnvelopeOf<K> {
  return e.type === type;
}

import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { AnyEnvelope, EventCatalogue, EventType } from './catalogue';
import { Envelope, SNOWFLAKE } from './envelope';
import * as discord from './discord';
import * as xp from './xp';
import * as actions from './actions';
import * as gateway from './gateway';
import { FastValidator, validateMessageCreated } from './fast-validators';
import * as roles from './roles';
import * as onboarding from './onboarding';

export type ParseResult = { ok: true; envelope: AnyEnvelope } | { ok: false; reason: string };

/**
 * Maps `type` + `version` to the class that validates `data`. Unknown pairs are rejected. Only
 * catalogued types can be registered, each with its catalogue class, so what `parse` accepts is
 * an `AnyEnvelope`.
 */
export class EventRegistry {
  private readonly classes = new Map<string, new () => object>();
  private readonly fast = new Map<string, FastValidator>();
  private readonly names = new Set<EventType>();

  register<K extends EventType>(type: K, version: number, cls: new () => EventCatalogue[K]): this {
    this.classes.set(`${type}@${version}`, cls);
    this.names.add(type);
    return this;
  }

  /** A hand-written validator used instead of the class for a hot event type. */
  registerFast(type: EventType, version: number, validate: FastValidator): this {
    this.fast.set(`${type}@${version}`, validate);
    this.names.add(type);
    return this;
  }

  knows(type: string, version: number): boolean {
    return this.classes.has(`${type}@${version}`);
  }

  /** The type names registered, in any version. */
  types(): EventType[] {
    return [...this.names];
  }

  /** Parses raw bytes or an object into a validated envelope, or says precisely why not. */
  parse(raw: Uint8Array | string | object): ParseResult {
    let value: unknown = raw;
    if (typeof raw === 'string' || raw instanceof Uint8Array) {
      try {
        value = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
      } catch (e) {
        return { ok: false, reason: `not JSON: ${(e as Error).message}` };
      }
    }
    const shapeError = envelopeShapeError(value);
    if (shapeError) return { ok: false, reason: shapeError };
    const env = value as Envelope<Record<string, unknown>>;
    const key = `${env.type}@${env.version}`;
    const fast = this.fast.get(key);
    if (fast) {
      const r = fast(env.data);
      if ('error' in r) return { ok: false, reason: `invalid ${env.type} data: ${r.error}` };
      return { ok: true, envelope: { ...env, data: r.value } as AnyEnvelope };
    }
    const cls = this.classes.get(key);
    if (!cls) return { ok: false, reason: `unknown event type ${env.type} version ${env.version}` };
    const data = plainToInstance(cls, env.data);
    const errors = validateSync(data, { whitelist: true, forbidUnknownValues: true });
    if (errors.length > 0) return { ok: false, reason: `invalid ${env.type} data: ${describe(errors)}` };
    // The class was registered for this type with the catalogue's data type (see `register`).
    return { ok: true, envelope: { ...env, data } as AnyEnvelope };
  }
}

/** Hand-written because it runs for every message on the hot path. */
function envelopeShapeError(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'envelope must be a JSON object';
  const e = v as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id.length === 0 || e.id.length > 200)
    return 'envelope.id must be a non-empty string';
  if (typeof e.type !== 'string' || e.type.length === 0) return 'envelope.type must be a non-empty string';
  if (!Number.isInteger(e.version) || (e.version as number) < 1)
    return 'envelope.version must be a positive integer';
  if (typeof e.guildId !== 'string' || !SNOWFLAKE.test(e.guildId))
    return 'envelope.guildId must be a Discord snowflake';
  if (typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt)))
    return 'envelope.occurredAt must be an ISO-8601 time';
  if (typeof e.source !== 'string' || e.source.length === 0)
    return 'envelope.source must be a non-empty string';
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data))
    return 'envelope.data must be an object';
  return undefined;
}

function describe(errors: ValidationError[], path = ''): string {
  return errors
    .map((err) => {
      const at = path ? `${path}.${err.property}` : err.property;
      if (err.children && err.children.length > 0) return describe(err.children, at);
      return `${at}: ${Object.values(err.constraints ?? {}).join(', ')}`;
    })
    .join('; ');
}

/** Every event and action of the platform's contracts, version 1. */
export function contractRegistry(): EventRegistry {
  return new EventRegistry()
    .register(discord.DiscordEventType.MessageCreated, 1, discord.MessageCreated)
    .registerFast(discord.DiscordEventType.MessageCreated, 1, validateMessageCreated)
    .register(discord.DiscordEventType.MemberJoined, 1, discord.MemberJoined)
    .register(discord.DiscordEventType.MemberLeft, 1, discord.MemberLeft)
    .register(discord.DiscordEventType.MemberUpdated, 1, discord.MemberUpdated)
    .register(discord.DiscordEventType.InteractionCommand, 1, discord.InteractionCommand)
    .register(discord.DiscordEventType.InteractionComponent, 1, discord.InteractionComponent)
    .register(discord.DiscordEventType.GuildSynced, 1, discord.GuildSynced)
    .register(discord.DiscordEventType.RoleUpserted, 1, discord.RoleUpserted)
    .register(discord.DiscordEventType.RoleDeleted, 1, discord.RoleDeleted)
    .register(discord.DiscordEventType.ChannelUpserted, 1, discord.ChannelUpserted)
    .register(discord.DiscordEventType.ChannelDeleted, 1, discord.ChannelDeleted)
    .register(xp.XpEventType.Awarded, 1, xp.XpAwarded)
    .register(xp.XpEventType.LevelReached, 1, xp.XpLevelReached)
    .register(actions.ActionType.InteractionReply, 1, actions.InteractionReply)
    .register(actions.ActionType.InteractionDefer, 1, actions.InteractionDefer)
    .register(actions.ActionType.InteractionUpdate, 1, actions.InteractionUpdate)
    .register(actions.ActionType.MessageSend, 1, actions.MessageSend)
    .register(actions.ActionType.MessageDelete, 1, actions.MessageDelete)
    .register(actions.ActionType.RoleAdd, 1, actions.RoleGrant)
    .register(actions.ActionType.RoleRemove, 1, actions.RoleChange)
    .register(actions.ActionType.CommandsRegister, 1, actions.CommandsRegister)
    .register(actions.ActionType.RoleCreate, 1, actions.RoleCreate)
    .register(gateway.GatewayEventType.ActionDone, 1, gateway.ActionResult)
    .register(gateway.GatewayEventType.ActionFailed, 1, gateway.ActionResult)
    .register(roles.RolesEventType.RequestAccepted, 1, roles.RolesRequestAccepted)
    .register(roles.RolesEventType.RequestRefused, 1, roles.RolesRequestRefused)
    .register(roles.RolesEventType.RequestApplied, 1, roles.RolesRequestApplied)
    .register(roles.RolesEventType.RequestFailed, 1, roles.RolesRequestFailed)
    .register(onboarding.OnboardingEventType.RulesAgreed, 1, onboarding.RulesAgreed)
    .register(onboarding.OnboardingEventType.RulesPublished, 1, onboarding.RulesPublished)
    .register(onboarding.OnboardingEventType.QuizAttempted, 1, onboarding.QuizAttempted)
    .register(onboarding.OnboardingEventType.QuizCompleted, 1, onboarding.QuizCompleted);
}

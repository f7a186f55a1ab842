import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIMessage,
  type APIMessageInteractionMetadata,
} from 'discord-api-types/v10';
import { ApiError, invalidFormBody, unknown } from '../http/api-error';
import type { InteractionRecord, InteractionStore } from './interaction-store';
import { editMessage, postMessage, type MessageContent } from './message-ops';
import type { SimWorld } from './world';

export const alreadyAcknowledged = () =>
  new ApiError(400, 40060, 'Interaction has already been acknowledged.');

function metadata(world: SimWorld, record: InteractionRecord): APIMessageInteractionMetadata {
  const user = world.user(record.userId);
  const owners = { '0': record.guildId };
  return record.kind === 'command'
    ? {
        id: record.id,
        type: InteractionType.ApplicationCommand,
        user,
        authorizing_integration_owners: owners,
      }
    : {
        id: record.id,
        type: InteractionType.MessageComponent,
        user,
        authorizing_integration_owners: owners,
        interacted_message_id: record.sourceMessageId ?? '',
      };
}

function content(data: Record<string, unknown> | null | undefined): MessageContent {
  const d = data ?? {};
  const out: MessageContent = {};
  if ('content' in d) out.content = (d.content as string | null) ?? '';
  if ('embeds' in d) out.embeds = (d.embeds as MessageContent['embeds']) ?? [];
  if ('components' in d) out.components = (d.components as MessageContent['components']) ?? [];
  if ('flags' in d) out.flags = Number(d.flags ?? 0) as MessageFlags;
  return out;
}

/** A message sent by the application as part of an interaction (reply, deferral or follow-up). */
function appMessage(world: SimWorld, record: InteractionRecord, data: MessageContent): APIMessage {
  const guild = world.guild(record.guildId);
  return postMessage(world, {
    guild,
    channelId: record.channelId,
    author: world.bot,
    ...data,
    type: record.kind === 'command' ? MessageType.ChatInputCommand : MessageType.Default,
    extra: {
      webhook_id: world.identity.applicationId,
      application_id: world.identity.applicationId,
      interaction_metadata: metadata(world, record),
    },
  });
}

function sourceMessage(world: SimWorld, record: InteractionRecord): APIMessage {
  const message = record.sourceMessageId ? world.messages.get(record.sourceMessageId) : undefined;
  if (!message) throw unknown.message();
  return message;
}

/** POST /interactions/{id}/{token}/callback. */
export function acknowledge(
  world: SimWorld,
  store: InteractionStore,
  record: InteractionRecord,
  body: { type?: number; data?: Record<string, unknown> | null },
  deadlineMs: number,
): APIMessage | null {
  if (record.callback) throw alreadyAcknowledged();
  if (Date.now() - record.createdAt > deadlineMs) throw unknown.interaction(); // Discord: answer within 3 s
  const type = Number(body?.type);
  const data = body?.data ?? null;
  const isComponent = record.kind === 'component';
  let message: APIMessage | null;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      message = appMessage(world, record, content(data));
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource:
      message = appMessage(world, record, {
        content: '',
        flags: ((Number(data?.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading) as MessageFlags,
      });
      break;
    case InteractionResponseType.DeferredMessageUpdate:
      if (!isComponent)
        throw invalidFormBody('type', 'Deferred update is only valid for component interactions');
      message = sourceMessage(world, record);
      break;
    case InteractionResponseType.UpdateMessage:
      if (!isComponent) throw invalidFormBody('type', 'Update is only valid for component interactions');
      message = editMessage(world, world.guild(record.guildId), sourceMessage(world, record), content(data));
      break;
    case InteractionResponseType.Modal:
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      message = null;
      break;
    default:
      throw invalidFormBody('type', `Value "${body?.type}" is not a valid interaction callback type`);
  }
  record.callback = { type, data, at: Date.now() };
  record.original = message;
  store.changed(record);
  return message;
}

export function originalMessage(record: InteractionRecord): APIMessage {
  if (!record.original) throw unknown.message();
  return record.original;
}

export function editOriginal(
  world: SimWorld,
  store: InteractionStore,
  record: InteractionRecord,
  data: Record<string, unknown>,
): APIMessage {
  const message = editMessage(world, world.guild(record.guildId), originalMessage(record), content(data));
  store.changed(record, true);
  return message;
}

export function followUp(
  world: SimWorld,
  store: InteractionStore,
  record: InteractionRecord,
  data: Record<string, unknown>,
): APIMessage {
  if (!record.callback) throw unknown.webhook();
  // Discord: the first follow-up after a deferred reply replaces the "thinking…" message.
  if (record.original && (record.original.flags ?? 0) & MessageFlags.Loading)
    return editOriginal(world, store, record, data);
  const message = appMessage(world, record, content(data));
  record.followups.push(message);
  store.changed(record, true);
  return message;
}

export function followupMessage(record: InteractionRecord, messageId: string): APIMessage {
  if (messageId === '@original') return originalMessage(record);
  const message = record.followups.find((m) => m.id === messageId);
  if (!message) throw unknown.message();
  return message;
}

export function editFollowup(
  world: SimWorld,
  store: InteractionStore,
  record: InteractionRecord,
  messageId: string,
  data: Record<string, unknown>,
): APIMessage {
  const message = editMessage(
    world,
    world.guild(record.guildId),
    followupMessage(record, messageId),
    content(data),
  );
  store.changed(record, true);
  return message;
}

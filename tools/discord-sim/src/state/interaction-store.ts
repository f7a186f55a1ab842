import { randomBytes } from 'node:crypto';
import type { APIInteraction, APIMessage } from 'discord-api-types/v10';

export interface InteractionCallback {
  type: number;
  data: Record<string, unknown> | null;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  kind: 'command' | 'component';
  guildId: string;
  channelId: string;
  userId: string;
  createdAt: number;
  payload: APIInteraction;
  /** The message a component sits on; deferred updates and updates act on it. */
  sourceMessageId: string | null;
  callback: InteractionCallback | null;
  original: APIMessage | null;
  followups: APIMessage[];
  /** Edits of the original plus follow-ups: what a waiter for a deferred answer watches. */
  updates: number;
  /** Called after every change, for waiters in the control API. */
  listeners: Set<() => void>;
}

/** Discord interaction tokens are long opaque strings starting with "aW50ZXJhY3Rpb246" ("interaction:"). */
export function newInteractionToken(id: string): string {
  return `aW50ZXJhY3Rpb246${Buffer.from(id).toString('base64url')}${randomBytes(48).toString('base64url')}`;
}

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(
    /** Tokens (and so the records) live 15 minutes on Discord. */
    readonly tokenLifetimeMs = 15 * 60_000,
  ) {}

  add(record: InteractionRecord): void {
    this.prune(record.createdAt);
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  /** A live token, or undefined when unknown or expired. */
  forToken(token: string, now = Date.now()): InteractionRecord | undefined {
    const record = this.byToken.get(token);
    return record && now - record.createdAt <= this.tokenLifetimeMs ? record : undefined;
  }

  changed(record: InteractionRecord, updated = false): void {
    if (updated) record.updates++;
    for (const listener of [...record.listeners]) listener();
  }

  /** Keeps memory flat in long demo/bench runs: expired records are only interesting for an hour. */
  private prune(now: number): void {
    if (this.byId.size < 10_000) return;
    for (const [id, record] of this.byId) {
      if (now - record.createdAt < 4 * this.tokenLifetimeMs) break;
      this.byId.delete(id);
      this.byToken.delete(record.token);
    }
  }
}

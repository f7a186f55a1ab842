import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { discordSubject, envelope, Envelope, MessageCreated, StreamName } from '@guildhall/contracts';
import type { Role } from '@guildhall/platform';
import { http, ServiceTestEnv } from '@guildhall/testing';

export { DATABASE_URL, NATS_URL, waitFor } from '@guildhall/testing';
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** A private schema and event namespace per test file; `cleanup` removes both. */
export class XpTestEnv extends ServiceTestEnv {
  constructor() {
    super('xp');
  }

  override token(guildId: string, role: Role, sub = '555000000000000001'): string {
    return super.token(guildId, role, sub);
  }

  publishMessages(envelopes: Envelope[]): Promise<void> {
    return this.publisher.publishMany(
      envelopes.map((e) => ({ subject: discordSubject(e.guildId, e.type), envelope: e })),
    );
  }

  async member(guildId: string, userId: string) {
    const { rows } = await this.db.query(
      `SELECT xp::int, level, messages, last_award_at FROM "${this.schema}".member_xp WHERE guild_id = $1 AND user_id = $2`,
      [guildId, userId],
    );
    return rows[0] as { xp: number; level: number; messages: number; last_award_at: Date | null } | undefined;
  }

  async purgeStream(name: StreamName): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.purge(this.topology.stream(name));
  }

  jetstream() {
    return jetstream(this.nc);
  }
}

let messageSeq = 0n;
/** A distinct snowflake per call, so tests never collide on message (= envelope) ids. */
export function nextSnowflake(): string {
  messageSeq += 1n;
  return String(1_300_000_000_000_000_000n + BigInt(process.pid) * 1_000_000_000n + messageSeq);
}

export interface MessageSpec {
  guildId: string;
  userId: string;
  at: number;
  channelId?: string;
  parentChannelId?: string;
  displayName?: string;
  roleIds?: string[];
  bot?: boolean;
  messageId?: string;
}

export function messageCreated(spec: MessageSpec): Envelope<MessageCreated> {
  const messageId = spec.messageId ?? nextSnowflake();
  const data: MessageCreated = {
    messageId,
    channelId: spec.channelId ?? '200000000000000001',
    userId: spec.userId,
    roleIds: spec.roleIds ?? [],
    bot: spec.bot ?? false,
  };
  if (spec.parentChannelId) data.parentChannelId = spec.parentChannelId;
  if (spec.displayName) data.displayName = spec.displayName;
  return envelope({
    id: messageId,
    type: 'message.created',
    guildId: spec.guildId,
    occurredAt: new Date(spec.at),
    source: 'gateway',
    data,
  });
}

export const getJson = (url: string, token?: string) => http('GET', url, token);
export const putJson = (url: string, body: unknown, token?: string) => http('PUT', url, token, body);
export const postJson = (url: string, token?: string, body?: unknown) => http('POST', url, token, body);

import { discordSubject, envelope, type MessageCreated } from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';

export const BENCH_GUILD = '150000000000000001';
const CHANNEL = '200000000000000001';

/** N message.created envelopes from `members` members, 61 s apart per member so every one earns XP. */
export function* messageEnvelopes(
  total: number,
  members: number,
  chunk = 10_000,
): Generator<OutgoingMessage[]> {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let start = 0; start < total; start += chunk) {
    const out: OutgoingMessage[] = [];
    for (let i = start; i < Math.min(total, start + chunk); i++) {
      const messageId = String(1_400_000_000_000_000_000n + BigInt(i));
      const data: MessageCreated = {
        messageId,
        channelId: CHANNEL,
        userId: String(440_000_000_000_000_000n + BigInt(i % members)),
        roleIds: [],
        bot: false,
        displayName: `member${i % members}`,
      };
      const occurredAt = new Date(t0 + Math.floor(i / members) * 61_000 + (i % members));
      out.push({
        subject: discordSubject(BENCH_GUILD, 'message.created'),
        envelope: envelope({
          id: messageId,
          type: 'message.created',
          guildId: BENCH_GUILD,
          occurredAt,
          source: 'bench',
          data,
        }),
      });
    }
    yield out;
  }
}

/** Someone who posts in the benchmark: a member of a guild, in one of its channels. */
export interface Chatter {
  guildId: string;
  channelId: string;
  userId: string;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * `total` message.created envelopes from `chatters` in turn, as the gateway would publish them,
 * from `startMs` on: 61 s apart per member so every one earns XP, and each id the snowflake of
 * its moment (worker 0, which the simulator never uses, so no id is one it mints).
 */
export function* chatterEnvelopes(
  total: number,
  chatters: readonly Chatter[],
  startMs: number,
  chunk = 10_000,
): Generator<OutgoingMessage[]> {
  if (chatters.length >= 61_000) throw new Error('at most 60,999 chatters: one millisecond each per round');
  for (let start = 0; start < total; start += chunk) {
    const out: OutgoingMessage[] = [];
    for (let i = start; i < Math.min(total, start + chunk); i++) {
      const c = chatters[i % chatters.length];
      // The chatter's index in the milliseconds keeps every moment, and so every id, distinct.
      const ms = startMs + Math.floor(i / chatters.length) * 61_000 + (i % chatters.length);
      const messageId = ((BigInt(ms) - DISCORD_EPOCH) << 22n).toString();
      const data: MessageCreated = {
        messageId,
        channelId: c.channelId,
        userId: c.userId,
        roleIds: [],
        bot: false,
      };
      out.push({
        subject: discordSubject(c.guildId, 'message.created'),
        envelope: envelope({
          id: messageId,
          type: 'message.created',
          guildId: c.guildId,
          occurredAt: new Date(ms),
          source: 'bench',
          data,
        }),
      });
    }
    yield out;
  }
}

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

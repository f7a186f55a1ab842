import { DiscordEventType, type AnyEnvelope, type EnvelopeOf } from '@guildhall/contracts';
import type { Outbox, OutgoingMessage, Tx } from '@guildhall/eventing';
import type { MemberState } from '../domain/award';
import { decideBatch, GuildMessage, memberKey } from '../domain/message-batch';
import { policyAt, PolicyVersion } from '../domain/policy';
import { MemberName, MemberNames } from '../projections/member-names';
import { MemberXpProjection, MemberRow } from '../projections/member-xp.projection';
import { PolicyHistory } from '../projections/policy-history';
import { awardedMessage, levelUpMessages } from './level-up.outbox';
import { XpLedger } from './xp-ledger';

export interface MessageCreatedHandlerDeps {
  policies: PolicyHistory;
  members: MemberXpProjection;
  names: MemberNames;
  ledger: XpLedger;
  outbox: Outbox;
  publishAwarded: boolean;
}

/**
 * Applies a batch of `message.created` in the consumer's transaction with a fixed number of
 * statements whatever the batch size: policy versions (1–3 queries), member states (1), the
 * ledger (1), member_xp (1), member names (1, and 1 more when one changed), the outbox (0–1).
 */
export class MessageCreatedHandler {
  constructor(private readonly deps: MessageCreatedHandlerDeps) {}

  async handle(batch: AnyEnvelope[], tx: Tx): Promise<void> {
    const { messages, causes, names } = toMessages(batch);
    if (messages.length === 0) return;

    const versions = await this.deps.policies.versionsFor(tx, messageTimes(messages));
    const policyFor = (guildId: string, at: number) => policyAt(versions.get(guildId) ?? NO_VERSIONS, at);

    const members = uniqueMembers(messages);
    const stored = await this.deps.members.load(tx, members);
    const { entries, touched } = decideBatch(messages, stored, policyFor);

    await this.deps.ledger.append(tx, entries);
    await this.deps.members.save(tx, toRows(touched));
    await this.deps.names.remember(tx, [...names.values()]);

    const outgoing: OutgoingMessage[] = [];
    for (const entry of entries) {
      const cause = causes.get(entry.message.eventId)!;
      if (this.deps.publishAwarded && entry.amount > 0) outgoing.push(awardedMessage(entry, cause));
      if (entry.levelReached)
        outgoing.push(
          ...levelUpMessages(entry, policyFor(entry.message.guildId, entry.message.occurredAt), cause),
        );
    }
    await this.deps.outbox.add(tx, outgoing);
  }
}

const NO_VERSIONS: PolicyVersion[] = [];

function toMessages(batch: AnyEnvelope[]): {
  messages: GuildMessage[];
  causes: Map<string, EnvelopeOf<'message.created'>>;
  names: Map<string, MemberName>;
} {
  const messages: GuildMessage[] = [];
  const causes = new Map<string, EnvelopeOf<'message.created'>>();
  // The latest name per member in the batch.
  const names = new Map<string, MemberName>();
  for (const env of batch) {
    // The consumer's filter lets only messages through; the check narrows `data` and costs a compare.
    if (env.type !== DiscordEventType.MessageCreated) continue;
    const d = env.data;
    // The bot check is the domain's too; skipping here just saves reading their state.
    if (d.bot) continue;
    causes.set(env.id, env);
    messages.push({
      eventId: env.id,
      guildId: env.guildId,
      userId: d.userId,
      messageId: d.messageId,
      channelId: d.channelId,
      parentChannelId: d.parentChannelId,
      roleIds: d.roleIds,
      bot: d.bot,
      occurredAt: Date.parse(env.occurredAt),
    });
    if (d.displayName)
      names.set(memberKey(env.guildId, d.userId), {
        guildId: env.guildId,
        userId: d.userId,
        displayName: d.displayName,
      });
  }
  return { messages, causes, names };
}

/** Each guild's message times: the moments whose policy decides them. */
function messageTimes(messages: GuildMessage[]): Map<string, number[]> {
  const times = new Map<string, number[]>();
  for (const m of messages) {
    const list = times.get(m.guildId);
    if (list) list.push(m.occurredAt);
    else times.set(m.guildId, [m.occurredAt]);
  }
  return times;
}

function uniqueMembers(messages: GuildMessage[]): Array<{ guildId: string; userId: string }> {
  const seen = new Map<string, { guildId: string; userId: string }>();
  for (const m of messages) {
    const key = memberKey(m.guildId, m.userId);
    if (!seen.has(key)) seen.set(key, { guildId: m.guildId, userId: m.userId });
  }
  return [...seen.values()];
}

function toRows(touched: Map<string, MemberState>): MemberRow[] {
  const rows: MemberRow[] = [];
  for (const [key, state] of touched) {
    const i = key.indexOf(':');
    rows.push({ guildId: key.slice(0, i), userId: key.slice(i + 1), ...state });
  }
  return rows;
}

import { makeURLSearchParams, type REST } from 'discord.js';
import {
  Routes,
  type APIGuildMember,
  type GatewayGuildMemberUpdateDispatchData,
} from 'discord-api-types/v10';
import type { QueuedEvent } from '../discord/dispatch-listener';
import type { EventBatcher } from '../publishing/event-batcher';
import { memberJoined, memberLeft, memberUpdated } from '../translate/members';
import type { TranslateContext } from '../translate/source';
import type { MemberRoster } from './member-roster';
import { rosterDiff, type ListedMember, type RosterChange } from './roster-diff';

const PAGE = 1000;

interface Listed extends ListedMember {
  raw: APIGuildMember;
}

export interface ReconcileEvents {
  reconciled?(guildId: string, changes: { joined: number; left: number; updated: number }): void;
  failed?(guildId: string, error: unknown): void;
}

/**
 * After a session that could not be resumed, Discord does not replay the gap: members who
 * joined, left or changed roles meanwhile would stay unknown. When a guild becomes available
 * on a fresh session, its members are listed over REST and compared with the roster; only the
 * differences are published, as the events Discord would have sent (a join keeps the id a live
 * join has; leaves and updates take the session in theirs, so a rerun publishes the same ids).
 * A guild seen for the first time is only recorded. Roles and channels need nothing: the
 * session's GUILD_CREATE already carries all of them (`guild.synced`).
 */
export class GuildReconciler {
  private queue: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();

  constructor(
    private readonly rest: REST,
    private readonly roster: MemberRoster,
    private readonly batcher: EventBatcher<QueuedEvent>,
    private readonly events: ReconcileEvents = {},
  ) {}

  /** Reconciles `guildId` for `sessionId`, one guild at a time, after those already asked for. */
  reconcile(guildId: string, sessionId: string): Promise<void> {
    const key = `${guildId}:${sessionId}`;
    if (this.queued.has(key)) return this.queue;
    this.queued.add(key);
    this.queue = this.queue
      .then(() => this.run(guildId, sessionId))
      .catch((e) => this.events.failed?.(guildId, e))
      .finally(() => this.queued.delete(key));
    return this.queue;
  }

  /** Reconciles begun by a process that died before finishing them. */
  async resumePending(): Promise<void> {
    for (const p of await this.roster.pending()) void this.reconcile(p.guildId, p.sessionId);
    await this.queue;
  }

  private async run(guildId: string, sessionId: string): Promise<void> {
    await this.roster.begin(guildId, sessionId);
    const listedAt = new Date();
    const listed = await this.listMembers(guildId);
    // The roster must hold every live event received before the list was taken.
    await this.batcher.whenPublished();
    await this.roster.settled();
    const { seeded, entries } = await this.roster.guild(guildId);
    if (!seeded) {
      await this.roster.seed(guildId, listed, listedAt);
      await this.roster.finish(guildId);
      return;
    }
    const changes = rosterDiff(entries, listed, listedAt);
    for (const event of reconciledEvents(guildId, sessionId, changes)) this.batcher.push(event);
    await this.batcher.whenPublished();
    await this.roster.settled();
    await this.roster.finish(guildId);
    const tally = { joined: 0, left: 0, updated: 0 };
    for (const c of changes) tally[c.kind]++;
    this.events.reconciled?.(guildId, tally);
  }

  private async listMembers(guildId: string): Promise<Listed[]> {
    const out: Listed[] = [];
    let after = '0';
    for (;;) {
      const page = (await this.rest.get(Routes.guildMembers(guildId), {
        query: makeURLSearchParams({ limit: PAGE, after }),
      })) as APIGuildMember[];
      for (const m of page) {
        if (!m.user) continue;
        out.push({
          userId: m.user.id,
          roleIds: m.roles,
          nick: m.nick ?? null,
          raw: m,
        });
      }
      if (page.length < PAGE) return out;
      after = page[page.length - 1].user?.id ?? after;
    }
  }
}

function reconciledEvents(
  guildId: string,
  sessionId: string,
  changes: RosterChange<Listed>[],
): QueuedEvent[] {
  // One receipt per reconcile of a session: rerunning it yields the same envelope ids.
  const ctx: TranslateContext = { receivedAt: new Date(), sessionId: `reconciled-${sessionId}`, seq: 0 };
  const out: QueuedEvent[] = [];
  const queue = (t: { subject: string; envelope: QueuedEvent['envelope'] } | undefined) => {
    if (t) out.push({ subject: t.subject, envelope: t.envelope, shardId: -1, sessionId: undefined, seq: 0 });
  };
  for (const c of changes) {
    if (c.kind === 'joined') queue(memberJoined({ ...c.member.raw, guild_id: guildId }, ctx));
    else if (c.kind === 'left')
      queue(
        memberLeft(
          {
            guild_id: guildId,
            user: { id: c.userId, username: '', discriminator: '0', global_name: null, avatar: null },
          },
          ctx,
        ),
      );
    else
      queue(
        memberUpdated(
          {
            ...c.member.raw,
            guild_id: guildId,
            user: c.member.raw.user!,
          } as GatewayGuildMemberUpdateDispatchData,
          ctx,
        ),
      );
  }
  return out;
}

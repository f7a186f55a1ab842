import type { SessionInfo } from '@discordjs/ws';
import type { APIUser } from 'discord-api-types/v10';
import type { QueryResult, QueryResultRow } from 'pg';

/** What READY says of the bot; a RESUME does not repeat it, and discord.js cannot work without it. */
export interface ReadyIdentity {
  user: APIUser;
  application: { id: string; flags: number };
}

export interface ShardSessionEvents {
  /** A shard had to IDENTIFY afresh although it had a session: what Discord sent in the gap is gone. */
  lost?(shardId: number, previousSessionId: string): void;
}

const PERSIST_EVERY_MS = 1000;

/** Where the sessions are kept: the connection holding the shard leases (a pool in unit tests). */
export interface SessionStore {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/**
 * Each shard's Discord session, kept in the gateway's schema so a restarted (or killed) gateway
 * RESUMEs it and Discord replays what was missed. discord.js' own session bookkeeping
 * (`retrieveSessionInfo` / `updateSessionInfo` of @discordjs/ws) goes through here.
 *
 * Two sequences per shard: the one discord.js sees (the last dispatch received, used for
 * heartbeats and in-process reconnects, while the queue is still in memory) and the one stored
 * (the last dispatch the DISCORD stream acknowledged). A RESUME after a crash starts from the
 * stored one, so what was received but still queued when the process died is replayed; what
 * is replayed twice keeps its envelope id and is dropped by the stream's and the inbox's dedupe.
 *
 * A process reads and writes only the sessions of the shards it runs (and holds the leases of),
 * so a shard that moved to another process is resumed there and never overwritten from here.
 */
export class ShardSessions {
  private readonly live = new Map<number, SessionInfo>();
  private readonly published = new Map<number, number>();
  /** The last session id each shard had, surviving an invalidation, so a fresh READY shows the gap. */
  private readonly lastKnown = new Map<number, string>();
  private readonly dirty = new Set<number>();
  private identity: ReadyIdentity | undefined;
  private restoredIdentity: ReadyIdentity | undefined;
  private frozen = false;
  private timer: NodeJS.Timeout | undefined;
  private persisting: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SessionStore,
    private readonly schema: string,
    private readonly events: ShardSessionEvents = {},
  ) {}

  /** Reads the stored sessions of `shardIds`; call before discord.js connects. Returns how many there were. */
  async load(shardIds: number[]): Promise<number> {
    const { rows } = await this.store.query<{
      shard_id: number;
      shard_count: number;
      session_id: string;
      resume_url: string;
      sequence: string;
      ready: ReadyIdentity;
    }>(
      `SELECT shard_id, shard_count, session_id, resume_url, sequence, ready FROM "${this.schema}".shard_sessions
       WHERE shard_id = ANY($1::int[])`,
      [shardIds],
    );
    for (const r of rows) {
      const sequence = Number(r.sequence);
      this.live.set(r.shard_id, {
        shardId: r.shard_id,
        shardCount: r.shard_count,
        sessionId: r.session_id,
        resumeURL: r.resume_url,
        sequence,
      });
      this.published.set(r.shard_id, sequence);
      this.lastKnown.set(r.shard_id, r.session_id);
      this.restoredIdentity = r.ready;
    }
    return rows.length;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.persist().catch(() => undefined), PERSIST_EVERY_MS);
    this.timer.unref();
  }

  /** READY's user and application from a session this process did not open, for discord.js. */
  get identityForResume(): ReadyIdentity | undefined {
    return this.restoredIdentity;
  }

  /** The session of a shard as discord.js should see it (null: IDENTIFY). */
  retrieve(shardId: number): SessionInfo | null {
    return this.live.get(shardId) ?? null;
  }

  /** discord.js' update: a new READY, a higher received sequence, or null when the session ended. */
  update(shardId: number, info: SessionInfo | null): void {
    // While stopping, discord.js ends its sessions; the stored ones must survive for the next start.
    if (this.frozen) return;
    if (info === null) {
      this.live.delete(shardId);
      return;
    }
    if (this.live.get(shardId)?.sessionId !== info.sessionId) {
      const previous = this.lastKnown.get(shardId);
      if (previous !== undefined && previous !== info.sessionId) this.events.lost?.(shardId, previous);
      this.lastKnown.set(shardId, info.sessionId);
      this.published.set(shardId, info.sequence);
      this.dirty.add(shardId);
    }
    this.live.set(shardId, info);
  }

  /** READY of a shard: its identity is stored with the sessions. */
  ready(identity: ReadyIdentity): void {
    this.identity = identity;
    for (const shardId of this.live.keys()) this.dirty.add(shardId);
  }

  /** Dispatch `seq` of `sessionId` (and everything before it) is on the stream. */
  markPublished(shardId: number, sessionId: string, seq: number): void {
    if (this.live.get(shardId)?.sessionId !== sessionId) return;
    if (seq <= (this.published.get(shardId) ?? 0)) return;
    this.published.set(shardId, seq);
    this.dirty.add(shardId);
  }

  /** Writes what changed since the last write (one statement for all shards). */
  persist(): Promise<void> {
    this.persisting = this.persisting.catch(() => undefined).then(() => this.write());
    return this.persisting;
  }

  /** Keeps the stored sessions as they are from now on and writes them a last time. */
  async stop(): Promise<void> {
    this.frozen = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.persist();
  }

  private async write(): Promise<void> {
    const identity = this.identity ?? this.restoredIdentity;
    if (this.dirty.size === 0 || identity === undefined) return;
    const rows = [...this.dirty].flatMap((shardId) => {
      const s = this.live.get(shardId);
      return s ? [{ s, seq: this.published.get(shardId) ?? s.sequence }] : [];
    });
    this.dirty.clear();
    if (rows.length === 0) return;
    await this.store
      .query(
        `INSERT INTO "${this.schema}".shard_sessions AS t
           (shard_id, shard_count, session_id, resume_url, sequence, ready)
         SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::bigint[]),
                LATERAL (SELECT $6::jsonb) AS r
         ON CONFLICT (shard_id) DO UPDATE SET shard_count = EXCLUDED.shard_count,
           session_id = EXCLUDED.session_id, resume_url = EXCLUDED.resume_url,
           sequence = EXCLUDED.sequence, ready = EXCLUDED.ready, updated_at = now()`,
        [
          rows.map((r) => r.s.shardId),
          rows.map((r) => r.s.shardCount),
          rows.map((r) => r.s.sessionId),
          rows.map((r) => r.s.resumeURL),
          rows.map((r) => r.seq),
          JSON.stringify(identity),
        ],
      )
      .catch((e: unknown) => {
        // Written again next time; until then a restart replays a little more.
        for (const r of rows) this.dirty.add(r.s.shardId);
        throw e;
      });
  }
}

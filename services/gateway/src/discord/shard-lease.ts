import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type ClientConfig, type QueryResult, type QueryResultRow } from 'pg';

export interface ShardLeaseEvents {
  /** `shardId` is run by another process (`holder`, its Postgres application_name); this one waits. */
  waiting?(shardId: number, holder: string | undefined): void;
  /**
   * The connection holding the leases is gone and they could not be taken back (another process
   * took a shard, or Postgres stayed away past `regainMs`): another process may run them now.
   */
  lost?(error: Error): void;
  /** The connection dropped (a Postgres restart, a cut); this process is taking its shards back. */
  interrupted?(error: Error): void;
  /** Every shard is this process's again, on a new connection. */
  regained?(shards: number[]): void;
}

export interface ShardLeaseOptions {
  pollMs?: number;
  /** How often the holding connection is checked, and how long a check may take. */
  heartbeatMs?: number;
  /**
   * After the connection drops: how long a process waiting for these shards has to take them
   * first (default 2 × pollMs), and until when this one keeps trying to take them back (15 s:
   * below the ~25 s Postgres needs to free the locks of a connection it can no longer reach, so
   * a process cut off from Postgres stops before anyone else could start its shards).
   */
  yieldMs?: number;
  regainMs?: number;
}

/**
 * One process per shard: a session-level advisory lock per shard id, all held on one connection
 * of this process's own. Postgres drops the locks with the connection, so a stopped, killed or
 * cut-off process frees its shards without anyone's help; a second process asking for a shard
 * (a rolling update overlapping, a second pod with the same SHARD_IDS by mistake) waits and takes
 * it over within a poll. The shard sessions are written through this connection too, so a
 * process that lost its leases cannot overwrite the sessions of the one now running its shards.
 *
 * Shards are taken in ascending order and kept while waiting for the next, so two processes
 * asking for overlapping sets never wait on each other in a circle.
 */
export class ShardLease {
  private client: Client | undefined;
  private readonly held = new Set<number>();
  private readonly space: string;
  private heartbeat: NodeJS.Timeout | undefined;
  private releasing = false;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly yieldMs: number;
  private readonly regainMs: number;
  private regaining = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly schema: string,
    private readonly events: ShardLeaseEvents = {},
    options: ShardLeaseOptions = {},
  ) {
    this.space = `guildhall.shard.${schema}`;
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.yieldMs = options.yieldMs ?? 2 * this.pollMs;
    this.regainMs = options.regainMs ?? 15_000;
  }

  /** The shards this process holds, ascending. */
  get shards(): number[] {
    return [...this.held].sort((a, b) => a - b);
  }

  /** Resolves once every one of `shardIds` is this process's; rejects when `signal` aborts. */
  async acquire(shardIds: number[], signal?: AbortSignal): Promise<void> {
    const wanted = [...new Set(shardIds)].sort((a, b) => a - b);
    for (const shardId of wanted) {
      let told = false;
      while (!(await this.tryLock(shardId))) {
        if (!told) this.events.waiting?.(shardId, await this.holder(shardId).catch(() => undefined));
        told = true;
        await sleep(this.pollMs, undefined, { signal });
      }
    }
    // The connection may have dropped while waiting, and the shards taken before with it.
    if (wanted.some((id) => !this.held.has(id)))
      throw new Error('the connection holding the shard leases dropped while waiting for more');
    this.heartbeat ??= setInterval(() => void this.check(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** A statement on the holding connection; fails when the leases are not (or no longer) held. */
  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    const client = this.client;
    if (!client || this.held.size === 0) throw new Error('the shard leases are not held by this process');
    return client.query<R>(text, values);
  }

  /** Ends the connection, which frees every shard at once. */
  async release(): Promise<void> {
    this.releasing = true;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.held.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async tryLock(shardId: number): Promise<boolean> {
    const client = this.client ?? (await this.connect());
    const { rows } = await client.query<{ held: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1), $2) AS held',
      [this.space, shardId],
    );
    if (rows[0].held) this.held.add(shardId);
    return rows[0].held;
  }

  private async holder(shardId: number): Promise<string | undefined> {
    const { rows } = await (this.client ?? (await this.connect())).query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = hashtext($1)::oid AND l.objid = $2::oid`,
      [this.space, shardId],
    );
    return rows[0]?.name;
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      ...this.config,
      keepAlive: true,
      // Bounds the heartbeat: a connection that no longer answers counts as lost.
      query_timeout: this.heartbeatMs,
      // Named for operators (and tests) looking at pg_stat_activity: who runs or waits for shards.
      // The pid first: Postgres cuts the name at 63 bytes, a long pod name goes before it does.
      application_name: `guildhall shards ${this.schema} ${process.pid}@${hostname()}`.slice(0, 63),
    });
    client.on('error', (e) => this.lose(client, e));
    client.on('end', () => this.lose(client, new Error('the connection holding the shard leases ended')));
    await client.connect();
    // Postgres frees a vanished holder's locks only once it notices the connection is dead; by
    // default that takes hours of TCP silence (a lost node). Probes after 10 s, 3 × 5 s apart.
    await client
      .query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3')
      .catch(() => undefined);
    this.client = client;
    return client;
  }

  private async check(): Promise<void> {
    const client = this.client;
    if (!client || this.held.size === 0) return;
    await client.query('SELECT 1').catch((e: Error) => {
      this.lose(client, e);
      void client.end().catch(() => undefined);
    });
  }

  private lose(client: Client, error: Error): void {
    if (client !== this.client || this.releasing) return;
    const shards = this.shards;
    this.held.clear();
    this.client = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    if (shards.length > 0 && !this.regaining) void this.regain(shards, error);
  }

  /**
   * A dropped connection is not yet a lost shard: when Postgres restarts, every lock is free and
   * nobody else runs these shards, so this process takes them back and stays on Discord. A
   * process waiting for one of them gets `yieldMs` to take it first; if it does, or Postgres
   * stays away past `regainMs`, the shards are lost.
   */
  private async regain(shards: number[], error: Error): Promise<void> {
    this.regaining = true;
    this.events.interrupted?.(error);
    const deadline = Date.now() + this.regainMs;
    try {
      await sleep(this.yieldMs);
      while (!this.releasing && Date.now() < deadline) {
        try {
          for (const shardId of shards) {
            if (this.held.has(shardId) || (await this.tryLock(shardId))) continue;
            await this.dropConnection();
            this.events.lost?.(
              new Error(`shard ${shardId} was taken by another process after: ${error.message}`),
            );
            return;
          }
          if (!this.client || shards.some((id) => !this.held.has(id))) throw new Error('dropped again');
          this.heartbeat = setInterval(() => void this.check(), this.heartbeatMs);
          this.heartbeat.unref();
          this.events.regained?.(shards);
          return;
        } catch {
          await this.dropConnection();
          await sleep(250);
        }
      }
      if (!this.releasing) this.events.lost?.(error);
    } finally {
      this.regaining = false;
    }
  }

  private async dropConnection(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }
}

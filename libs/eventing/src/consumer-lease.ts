import { hostname } from 'node:os';
import { Client, type ClientConfig } from 'pg';

/**
 * A Postgres session that holds leases (session-level advisory locks) and runs every batch
 * transaction of the feeds it leases. Only the session holding a feed's lock commits its
 * batches, so two processes never apply one feed, not even in the moment it takes a process to
 * notice that its lease is gone: the locks and the transactions die together with the connection.
 *
 * One session may lease many feeds (the partitions of a consumer held by one replica): work on
 * it runs one piece at a time through `exclusive`, so one feed's statement never lands inside
 * another feed's transaction.
 */
export class LeaseSession {
  private client: Client | undefined;
  private readonly held = new Map<string, (error: Error) => void>();
  /** Groups this session is a member of (see members()). */
  private readonly groups = new Set<string>();
  private busy = false;
  private readonly queue: (() => void)[] = [];
  /** Its own key space: services take (hashtext(schema), hashtext(guild)) transaction locks. */
  readonly space: string;

  constructor(
    private readonly config: ClientConfig,
    schema: string,
    /** Shown to operators as the session's application_name (truncated to Postgres' 63 bytes). */
    readonly name: string,
  ) {
    this.space = `guildhall.lease.${schema}`;
  }

  /**
   * Runs `fn` alone on the session, after the piece of work in progress. `urgent` work (taking
   * and handing back leases, reading the members) goes before batches that are waiting, so a
   * hand-over is not held up by every partition's next batch.
   */
  async exclusive<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    await this.turn(urgent);
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.busy = false;
    }
  }

  private turn(urgent: boolean): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => (urgent ? this.queue.unshift(resolve) : this.queue.push(resolve)));
  }

  /** The connection, while `key` is held. */
  connectionFor(key: string): Client | undefined {
    return this.held.has(key) ? this.client : undefined;
  }

  /** One attempt: true when this session now holds `key`. Never rejects; `onLost` runs if the session ends while held. */
  async tryLock(key: string, onLost: (error: Error) => void): Promise<boolean> {
    if (this.held.has(key)) return true;
    try {
      const client = await this.connected();
      const { rows } = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS held',
        [this.space, key],
      );
      if (rows[0].held) this.held.set(key, onLost);
      return rows[0].held;
    } catch {
      // Postgres is unreachable: try again at the next poll, on a new connection.
      await this.drop();
      return false;
    }
  }

  /** Hands `key` back; ends the session when it holds nothing else and is not a member of a group. */
  async unlock(key: string): Promise<void> {
    if (!this.held.delete(key)) return;
    const client = this.client;
    if (this.held.size === 0 && this.groups.size === 0) return this.drop();
    await client
      ?.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [this.space, key])
      .catch(() => this.drop());
  }

  /** Who holds `key`, as Postgres sees them (the holder's application_name), for the standby notice. */
  async holder(key: string): Promise<string | undefined> {
    const { rows } = await (
      await this.connected()
    ).query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.mode = 'ExclusiveLock'
         AND l.classid = hashtext($1)::oid AND l.objid = hashtext($2)::oid AND l.objsubid = 2`,
      [this.space, key],
    );
    return rows[0]?.name;
  }

  /**
   * Joins `group` (a shared advisory lock that lives exactly as long as this session) and returns
   * the application_name of every session in it, this one included: the live members, without a
   * heartbeat table or a clock, since a process that dies takes its session with it.
   */
  async members(group: string): Promise<string[]> {
    const client = await this.connected();
    if (!this.groups.has(group)) {
      await client.query('SELECT pg_advisory_lock_shared(hashtext($1), hashtext($2))', [
        `${this.space}.members`,
        group,
      ]);
      this.groups.add(group);
    }
    const { rows } = await client.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.mode = 'ShareLock'
         AND l.classid = hashtext($1)::oid AND l.objid = hashtext($2)::oid AND l.objsubid = 2`,
      [`${this.space}.members`, group],
    );
    return rows.map((r) => r.name);
  }

  /** Ends the session: every lock and membership goes with it. */
  async close(): Promise<void> {
    this.groups.clear();
    const lost = [...this.held.keys()];
    this.held.clear();
    if (lost.length > 0 || this.client) await this.drop();
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ ...this.config, keepAlive: true, application_name: this.name.slice(0, 63) });
    client.on('error', (e) => this.lose(client, e));
    client.on('end', () => this.lose(client, new Error('connection ended')));
    await client.connect();
    this.client = client;
    // A holder that died inside a long statement would keep its leases until that statement
    // ends; with a check interval Postgres notices the gone client within a second (PG 14+).
    // Keepalives let it notice a vanished host (no FIN ever comes) in about 10 s, not 2 h.
    await client
      .query(
        `SET client_connection_check_interval = '1s'; SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3`,
      )
      .catch(() => undefined);
    return client;
  }

  private lose(client: Client, error: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.groups.clear();
    const lost = [...this.held.values()];
    this.held.clear();
    for (const onLost of lost) onLost(error);
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.groups.clear();
    this.held.clear();
    await client?.end().catch(() => undefined);
  }
}

/**
 * One writer per feed: the lease of one durable, on a session of its own or one shared with the
 * other feeds of the same replica. A second process (the new pod of a rolling deploy, a spare
 * replica) polls: it neither pulls nor rewinds until the holder stops or dies, then takes over
 * within one poll.
 */
export class ConsumerLease {
  readonly session: LeaseSession;
  private readonly own: boolean;

  constructor(
    config: ClientConfig,
    schema: string,
    private readonly key: string,
    private readonly onLost: (error: Error) => void,
    shared?: LeaseSession,
  ) {
    this.own = shared === undefined;
    this.session =
      shared ?? new LeaseSession(config, schema, `guildhall ${key} ${hostname()}:${process.pid}`);
  }

  /** The session holding the lease; undefined when it is not held (or was just lost). */
  get connection(): Client | undefined {
    return this.session.connectionFor(this.key);
  }

  /** One attempt: true when this process now holds the lease. Never rejects. */
  tryAcquire(): Promise<boolean> {
    return this.session.exclusive(() => this.session.tryLock(this.key, this.onLost), true);
  }

  holder(): Promise<string | undefined> {
    return this.session.exclusive(() => this.session.holder(this.key), true);
  }

  /** Hands the lease back (an own session ends, which releases it even if Postgres is gone). */
  release(): Promise<void> {
    return this.session.exclusive(
      () => (this.own ? this.session.close() : this.session.unlock(this.key)),
      true,
    );
  }

  /** Runs `fn` alone on the lease's session (see LeaseSession.exclusive). */
  exclusive<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    return this.session.exclusive(fn, urgent);
  }
}

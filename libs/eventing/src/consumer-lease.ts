import { hostname } from 'node:os';
import { Client, type ClientConfig } from 'pg';

/**
 * One writer per durable: a session-level advisory lock on (lease space of the schema, consumer), held on a
 * connection of its own that also runs every batch transaction of the consumer. Only the
 * session holding the lock can commit a batch, so two processes never apply one feed, not even
 * in the moment it takes a process to notice that its lease is gone: the lock and the
 * transactions die together with the connection.
 *
 * A second process (the new pod of a rolling deploy, a spare replica) polls: it neither pulls
 * nor rewinds until the holder stops or dies, then takes over within one poll.
 */
export class ConsumerLease {
  private client: Client | undefined;
  private held = false;
  /** Its own key space: services take (hashtext(schema), hashtext(guild)) transaction locks. */
  private readonly space: string;

  constructor(
    private readonly config: ClientConfig,
    schema: string,
    private readonly consumer: string,
    private readonly onLost: (error: Error) => void,
  ) {
    this.space = `guildhall.lease.${schema}`;
  }

  /** The session holding the lease; undefined when it is not held (or was just lost). */
  get connection(): Client | undefined {
    return this.held ? this.client : undefined;
  }

  /** One attempt: true when this process now holds the lease. Never rejects. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    try {
      const client = this.client ?? (await this.connect());
      const { rows } = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS held',
        [this.space, this.consumer],
      );
      this.held = rows[0].held;
    } catch {
      // Postgres is unreachable: try again at the next poll, on a new connection.
      await this.drop();
    }
    return this.held;
  }

  /** Who holds it, as Postgres sees them (the holder's application_name), for the standby notice. */
  async holder(): Promise<string | undefined> {
    const { rows } = await (this.client ?? (await this.connect())).query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = hashtext($1)::oid AND l.objid = hashtext($2)::oid`,
      [this.space, this.consumer],
    );
    return rows[0]?.name;
  }

  /** Ends the session, which releases the lock. */
  async release(): Promise<void> {
    await this.drop();
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      ...this.config,
      keepAlive: true,
      application_name: `guildhall ${this.consumer} ${hostname()}:${process.pid}`.slice(0, 63),
    });
    client.on('error', (e) => this.lose(client, e));
    client.on('end', () => this.lose(client, new Error('connection ended')));
    await client.connect();
    this.client = client;
    // A holder that died inside a long statement would keep the lease until that statement
    // ends; with a check interval Postgres notices the gone client within a second (PG 14+).
    await client.query(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
    return client;
  }

  private lose(client: Client, error: Error): void {
    if (client !== this.client) return;
    const wasHeld = this.held;
    this.held = false;
    this.client = undefined;
    if (wasHeld) this.onLost(error);
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    await client?.end().catch(() => undefined);
  }
}

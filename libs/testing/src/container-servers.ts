import { existsSync } from 'node:fs';
import type { StartedTestContainer } from 'testcontainers';
import { freePort } from './free-port';
import { waitForPort } from './wait-for-port';
import type { PrivateServer } from './private-servers';

/**
 * Whether fault tests get their servers from a Docker engine through testcontainers: when
 * DOCKER_HOST is set or the default socket exists, unless GUILDHALL_LOCAL_SERVERS=1 asks for
 * the local binaries. Machines without an engine (CI here) use initdb/pg_ctl and nats-server.
 */
export function dockerEngineReachable(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GUILDHALL_LOCAL_SERVERS === '1') return false;
  return Boolean(env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/**
 * The same servers in containers. The host port is fixed at start so the URL survives a crash
 * and restart; a crash is SIGKILL of the container (its writable layer, and so the data, stays),
 * a start is `docker start` of the same container.
 */
export class ContainerServer implements PrivateServer {
  private constructor(
    private readonly container: StartedTestContainer,
    readonly port: number,
    readonly url: string,
    private readonly internalPort: number,
  ) {}

  static async postgres(): Promise<ContainerServer> {
    const port = await freePort();
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('postgres:15')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts({ container: 5432, host: port })
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    return new ContainerServer(container, port, `postgres://postgres@127.0.0.1:${port}/postgres`, 5432);
  }

  static async nats(): Promise<ContainerServer> {
    const port = await freePort();
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('nats:2.9.10')
      .withCommand(['-js', '-sd', '/data'])
      .withExposedPorts({ container: 4222, host: port })
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    return new ContainerServer(container, port, `nats://127.0.0.1:${port}`, 4222);
  }

  async crash(): Promise<void> {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    await client.container.getById(this.container.getId()).kill();
  }

  async start(): Promise<void> {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    await client.container.start(client.container.getById(this.container.getId()));
    await waitForPort(this.port, 60_000);
  }

  async restart(): Promise<void> {
    await this.crash();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.container.stop({ timeout: 0, remove: true }).catch(() => undefined);
  }

  /** For logs in a failing test: which container port the fixed host port maps. */
  toString(): string {
    return `${this.url} (container port ${this.internalPort})`;
  }
}

import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { DiscordSimulator, type SimulatorOptions } from '../src';

export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
];

export async function startSimulator(options: SimulatorOptions = {}): Promise<DiscordSimulator> {
  const sim = new DiscordSimulator({ port: 0, ...options });
  await sim.start();
  return sim;
}

/** An unmodified discord.js client pointed at the simulator, resolved once `ready` fired. */
export async function connectClient(
  sim: DiscordSimulator,
  options: Partial<ClientOptions> = {},
): Promise<Client<true>> {
  const client = new Client({ intents: INTENTS, rest: { api: sim.apiUrl }, ...options });
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(sim.botToken);
  await ready;
  return client as Client<true>;
}

/** Resolves with the first event args that satisfy `accept`. */
export function nextEvent<T extends unknown[]>(
  client: Client,
  event: string,
  accept: (...args: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (...args: unknown[]) => {
      if (!accept(...(args as T))) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args as T);
    };
    client.on(event, listener);
  });
}

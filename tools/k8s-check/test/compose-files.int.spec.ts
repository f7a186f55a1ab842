import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The compose files as compose reads them (YAML merge keys resolved). */
const root = join(__dirname, '../../..');
const raw = (file: string) => readFileSync(join(root, file), 'utf8');
const compose = (file: string) => parse(raw(file), { merge: true });
type Services = Record<string, { environment?: Record<string, string> }>;
const discordSettings = (services: Services) =>
  Object.entries(services).flatMap(([name, s]) =>
    Object.entries(s.environment ?? {})
      .filter(([key]) => key.startsWith('DISCORD_'))
      .map(([key, value]) => ({ name, key, value: String(value) })),
  );

describe('compose files: a bot token goes only where it belongs', () => {
  it('the simulator file never takes Discord credentials from the shell, so a real token set there cannot reach the simulator', () => {
    expect(raw('docker-compose.yml')).not.toMatch(/\$\{DISCORD_/);
    const services = compose('docker-compose.yml').services as Services;
    const settings = discordSettings(services);
    for (const s of settings.filter((x) => x.key.endsWith('_URL')))
      expect(`${s.name} ${s.key} ${s.value}`).toMatch(/discord-sim:3900|localhost:3900/);
    const simToken = services['discord-sim'].environment!.DISCORD_TOKEN;
    for (const s of settings.filter((x) => x.key === 'DISCORD_TOKEN')) expect(s.value).toBe(simToken);
  });

  it('the real-Discord file has no simulator, requires every credential and sends them to discord.com only', () => {
    const file = compose('docker-compose.discord.yml');
    const services = file.services as Services;
    expect(Object.keys(services).sort()).toEqual(['dashboard', 'gateway', 'onboarding', 'roles', 'xp']);
    expect(raw('docker-compose.discord.yml')).not.toMatch(/discord-sim|:3900/);
    const settings = discordSettings(services);
    for (const key of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_CLIENT_SECRET'])
      for (const name of Object.keys(services))
        expect(settings.find((s) => s.name === name && s.key === key)?.value).toMatch(
          new RegExp(`^\\$\\{${key}:\\?set ${key} `),
        );
    for (const s of settings.filter((x) => x.key.endsWith('_URL')))
      expect(`${s.name} ${s.key} ${s.value}`).toMatch(/ https:\/\/discord\.com(\/|$)/);
  });

  it('both bring up the same Postgres and NATS, published on loopback only', () => {
    for (const file of ['docker-compose.yml', 'docker-compose.discord.yml'])
      expect(compose(file).include).toEqual(['deploy/compose/infra.yml']);
    const infra = compose('deploy/compose/infra.yml').services as Record<string, { ports: string[] }>;
    expect(Object.keys(infra).sort()).toEqual(['nats', 'postgres']);
    for (const s of Object.values(infra)) for (const p of s.ports) expect(p).toMatch(/^127\.0\.0\.1:/);
  });
});

import { jetstream } from '@nats-io/jetstream';
import {
  discordSubject,
  event,
  isEvent,
  type ActionResult,
  type Envelope,
  type EnvelopeOf,
  type EventCatalogue,
  type EventType,
  type GuildSynced,
  type InteractionCommand,
  type InteractionComponent,
  type MemberJoined,
  type RoleInfo,
} from '@guildhall/contracts';
import { http, ServiceTestEnv, waitFor, type Json } from '@guildhall/testing';
import { OnboardingService, startOnboardingService } from '../src/app';

export { DATABASE_URL, NATS_URL, waitFor } from '@guildhall/testing';
export const APP_ID = '900000000000000009';

let seq = 0n;
/** A distinct snowflake per call, so tests never collide on interaction (= envelope) ids. */
export function snowflake(): string {
  seq += 1n;
  return String(1_400_000_000_000_000_000n + BigInt(process.pid) * 1_000_000_000n + seq);
}

export interface Sent {
  subject: string;
  envelope: Envelope<Record<string, unknown>>;
}

/** A private schema and event namespace per test file, the service under test, and cleanup of all three. */
export class OnboardingTestEnv extends ServiceTestEnv {
  service!: OnboardingService;

  constructor() {
    super('onboarding', {}, 'ob');
  }

  get base(): string {
    return `http://127.0.0.1:${this.service.port}`;
  }

  async start(): Promise<void> {
    await this.setup();
    this.service = await startOnboardingService(this.env());
  }

  /** A new process of the service on the same schema and namespace, as after a deploy or crash. */
  async restart(): Promise<void> {
    await this.service.stop();
    this.service = await startOnboardingService(this.env());
  }

  override async cleanup(): Promise<void> {
    await this.service?.stop().catch(() => undefined);
    await super.cleanup();
  }

  /** Publishes onto DISCORD (or DOMAIN for gateway results) and waits until the service applied them. */
  async deliver(...envs: Envelope[]): Promise<void> {
    const results = envs.filter((e) => e.type.startsWith('action.'));
    const discord = envs.filter((e) => !e.type.startsWith('action.'));
    const [d0, r0] = [await this.applied('onboarding-discord'), await this.applied('onboarding-results')];
    await this.publisher.publishMany([
      ...discord.map((e) => ({ subject: discordSubject(e.guildId, subjectEvent(e)), envelope: e })),
      ...results.map((e) => ({ subject: `gateway.${e.guildId}.${e.type}`, envelope: e })),
    ]);
    await waitFor(
      'envelopes applied',
      async () =>
        (await this.applied('onboarding-discord')) >= d0 + discord.length &&
        (await this.applied('onboarding-results')) >= r0 + results.length,
    );
  }

  /**
   * Publishes an envelope again under a fresh Nats-Msg-Id, as a redelivery after the stream's
   * dedupe window would arrive: only the service's inbox can catch it. Does not wait.
   */
  async republish(e: Envelope): Promise<void> {
    const subject = this.topology.subject(discordSubject(e.guildId, subjectEvent(e)));
    await jetstream(this.nc).publish(subject, JSON.stringify(e), { msgID: `replay-${snowflake()}` });
  }

  /** Everything the service queued, in order: committed together with the state that caused it. */
  async outbox(filter: { guildId?: string; type?: string } = {}): Promise<Sent[]> {
    const { rows } = await this.db.query(`SELECT subject, payload FROM "${this.schema}".outbox ORDER BY id`);
    return rows
      .map((r) => ({
        subject: r.subject as string,
        envelope: r.payload as Envelope<Record<string, unknown>>,
      }))
      .filter(
        (s) =>
          (filter.guildId === undefined || s.envelope.guildId === filter.guildId) &&
          (filter.type === undefined || s.envelope.type === filter.type),
      );
  }

  http(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    return http(method, `${this.base}${path}`, token, body);
  }
}

function subjectEvent(e: Envelope): string {
  if (isEvent(e, 'interaction.command')) return `interaction.command.${e.data.commandName}`;
  if (isEvent(e, 'interaction.component')) return `interaction.component.${e.data.customId.split(':')[0]}`;
  return e.type;
}

const gateway = <K extends EventType>(
  type: K,
  guildId: string,
  data: EventCatalogue[K],
  id = snowflake(),
  at = new Date(),
): EnvelopeOf<K> => event(type, { id, guildId, occurredAt: at, source: 'gateway', data });

export function memberJoined(
  guildId: string,
  userId: string,
  joinedAt = new Date(),
  opts: { bot?: boolean } = {},
): EnvelopeOf<'member.joined'> {
  const data: MemberJoined = {
    userId,
    username: `user${userId.slice(-4)}`,
    bot: opts.bot ?? false,
    roleIds: [],
    joinedAt: joinedAt.toISOString(),
  };
  return gateway('member.joined', guildId, data, `${guildId}:${userId}:${joinedAt.toISOString()}`, joinedAt);
}

export function memberLeft(guildId: string, userId: string, at = new Date()): EnvelopeOf<'member.left'> {
  return gateway('member.left', guildId, { userId }, snowflake(), at);
}

interface Clicker {
  userId: string;
  permissions?: string;
  roleIds?: string[];
}

function interactionBase(c: Clicker) {
  return {
    interactionId: snowflake(),
    token: `tok-${snowflake()}`,
    applicationId: APP_ID,
    userId: c.userId,
    username: 'someone',
    channelId: '700000000000000001',
    roleIds: c.roleIds ?? [],
    permissions: c.permissions ?? '0',
  };
}

export function click(guildId: string, customId: string, c: Clicker): EnvelopeOf<'interaction.component'> {
  const data: InteractionComponent = {
    ...interactionBase(c),
    customId,
    componentType: 2,
    values: [],
    messageId: '700000000000000002',
  };
  return gateway('interaction.component', guildId, data, data.interactionId);
}

export function command(guildId: string, commandName: string, c: Clicker): EnvelopeOf<'interaction.command'> {
  const data: InteractionCommand = { ...interactionBase(c), commandName, options: [] };
  return gateway('interaction.command', guildId, data, data.interactionId);
}

export function guildSynced(guildId: string, over: Partial<GuildSynced> = {}): EnvelopeOf<'guild.synced'> {
  const data: GuildSynced = {
    name: 'Test Guild',
    ownerId: '800000000000000001',
    botUserId: '800000000000000002',
    botRoleIds: ['810000000000000001'],
    roles: [
      {
        id: '810000000000000001',
        name: 'Guildhall',
        position: 10,
        permissions: String(0x10000000),
        managed: true,
        color: 0,
      },
    ],
    memberCount: 3,
    ...over,
  };
  return gateway('guild.synced', guildId, data);
}

/** A role created or changed in Discord (GUILD_ROLE_CREATE / UPDATE), as the gateway reports it. */
export function roleUpserted(guildId: string, role: RoleInfo): EnvelopeOf<'role.upserted'> {
  return gateway('role.upserted', guildId, { role });
}

export function actionResult(
  guildId: string,
  done: boolean,
  data: ActionResult,
): EnvelopeOf<'action.done' | 'action.failed'> {
  return gateway(done ? 'action.done' : 'action.failed', guildId, data);
}

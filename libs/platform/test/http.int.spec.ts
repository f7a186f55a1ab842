import { Body, Controller, Get, INestApplication, Module, Param, Post, type Type } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  baseConfig,
  Claims,
  createPool,
  httpUrl,
  metrics,
  openServiceDataSource,
  PlatformModule,
  poolOf,
  Public,
  RequireRole,
  SelfOrModerator,
  serviceDataSourceOptions,
  signServiceToken,
  startHttp,
  type PlatformKit,
  type Role,
  type HealthReport,
  type ServiceClaims,
} from '../src';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const ALICE = '200000000000000001';
const BOB = '200000000000000002';
const MOD = '200000000000000003';

class CreateThingDto {
  @IsString() @Length(1, 50) name!: string;
  @IsInt() @Min(0) count!: number;
}

const thingsMade = metrics.counter('platform_test_things_total', 'Things made by the test controller', [
  'guild',
]);

@Controller('guilds/:guildId')
class TestController {
  @Public()
  @Get('public')
  open(@Claims() claims: ServiceClaims | undefined): object {
    return { caller: claims?.sub ?? null };
  }

  @Get('members')
  members(@Claims() claims: ServiceClaims): object {
    return { caller: claims.sub };
  }

  @SelfOrModerator()
  @Get('members/:userId/profile')
  profile(@Param('userId') userId: string): object {
    return { userId };
  }

  @RequireRole('moderator')
  @Get('moderation')
  moderation(): object {
    return { ok: true };
  }

  @RequireRole('owner')
  @Get('settings')
  settings(): object {
    return { ok: true };
  }

  @Post('things')
  create(@Param('guildId') guildId: string, @Body() dto: CreateThingDto): object {
    thingsMade.inc({ guild: guildId });
    return { isDto: dto instanceof CreateThingDto, ...dto };
  }
}

/** Nest's error body: { statusCode, error, message }. */
async function messageOf(res: Response): Promise<unknown> {
  return ((await res.json()) as { message?: unknown }).message;
}

/**
 * What PlatformModule needs of a kit. A DataSource cannot open against an unreachable database,
 * so there it stays closed and /health asks through a pool of its own, which fails as the
 * DataSource's would once its database went away.
 */
async function lightKit(env: NodeJS.ProcessEnv, reachable = true): Promise<PlatformKit> {
  const config = baseConfig('platform-test', 0, { NODE_ENV: 'test', ...env });
  const options = {
    databaseUrl: config.databaseUrl,
    schema: config.schema,
    migrations: [],
    poolSize: 2,
  };
  const dataSource = reachable
    ? await openServiceDataSource(options)
    : new DataSource(serviceDataSourceOptions(options));
  const pool = reachable ? poolOf(dataSource) : createPool(config.databaseUrl, 2);
  const nc = await connect({ servers: config.natsUrl });
  let stopped = false;
  return {
    config,
    dataSource,
    pool,
    nc,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!nc.isClosed()) await nc.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      else await pool.end();
    },
  };
}

function appModule(kit: PlatformKit): Type<unknown> {
  @Module({ imports: [PlatformModule.forKit(kit)], controllers: [TestController] })
  class TestAppModule {}
  return TestAppModule;
}

describe('PlatformModule over HTTP', () => {
  let kit: PlatformKit;
  let app: INestApplication;
  let base: string;
  const token = (sub: string, role: Role, guildId = GUILD): string =>
    signServiceToken(kit.config.authSecret, { sub, guildId, role, aud: kit.config.service });
  const get = (path: string, bearer?: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(init.headers ?? {}) },
    });

  beforeAll(async () => {
    kit = await lightKit({ EVENT_NAMESPACE: `t${randomBytes(4).toString('hex')}` });
    app = await startHttp(appModule(kit), kit);
    base = httpUrl(app);
  });

  afterAll(async () => {
    await app?.close();
    await kit?.stop();
  });

  describe('GET /health', () => {
    it('reports the database and NATS as ok', async () => {
      const res = await get('/health');
      expect(res.status).toBe(200);
      const body = (await res.json()) as HealthReport;
      expect(body).toMatchObject({
        status: 'ok',
        service: 'platform-test',
        checks: { database: { ok: true }, nats: { ok: true } },
      });
      expect(body.uptimeSeconds).toEqual(expect.any(Number));
      expect(body.checks.database.latencyMs).toEqual(expect.any(Number));
    });

    it('answers 503 degraded when a dependency is down', async () => {
      const broken = await lightKit({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' }, false);
      await broken.nc.close();
      const brokenApp = await startHttp(appModule(broken), broken);
      try {
        const res = await fetch(`${httpUrl(brokenApp)}/health`);
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({
          status: 'degraded',
          checks: { database: { ok: false }, nats: { ok: false } },
        });
      } finally {
        await brokenApp.close();
      }
    });

    it('tells an anonymous caller that a dependency is down, not its address or error', async () => {
      const broken = await lightKit({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' }, false);
      await broken.nc.close();
      const brokenApp = await startHttp(appModule(broken), broken);
      try {
        const text = await (await fetch(`${httpUrl(brokenApp)}/health`)).text();
        expect(text).toContain('database: not reachable');
        // pg's error names the host and port it tried (ECONNREFUSED 127.0.0.1:1): that stays in the log.
        expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      } finally {
        await brokenApp.close();
      }
    });
  });

  describe('GET /metrics', () => {
    it('serves Prometheus text with process, request and service metrics', async () => {
      await get(`/guilds/${GUILD}/things`, token(ALICE, 'member'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'lamp', count: 2 }),
      });
      const res = await get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const text = await res.text();
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toMatch(
        /platform_test_things_total\{guild="100000000000000001",service="platform-test"\} 1/,
      );
      expect(text).toMatch(
        /http_request_duration_seconds_count\{[^}]*method="POST",route="\/guilds\/:guildId\/things",status="201"\} 1/,
      );
    });
  });

  describe('authorization', () => {
    type Caller = 'anonymous' | 'other guild' | 'member' | 'other member' | 'moderator';
    const callers: Record<Caller, () => string | undefined> = {
      anonymous: () => undefined,
      'other guild': () => token(ALICE, 'moderator', OTHER_GUILD),
      member: () => token(ALICE, 'member'),
      'other member': () => token(BOB, 'member'),
      moderator: () => token(MOD, 'moderator'),
    };
    const routes = {
      public: `/guilds/${GUILD}/public`,
      member: `/guilds/${GUILD}/members`,
      'self-only': `/guilds/${GUILD}/members/${ALICE}/profile`,
      moderator: `/guilds/${GUILD}/moderation`,
    };
    const table: Array<[Caller, keyof typeof routes, number]> = [
      ['anonymous', 'public', 200],
      ['anonymous', 'member', 401],
      ['anonymous', 'self-only', 401],
      ['anonymous', 'moderator', 401],
      ['other guild', 'public', 200],
      ['other guild', 'member', 403],
      ['other guild', 'self-only', 403],
      ['other guild', 'moderator', 403],
      ['member', 'public', 200],
      ['member', 'member', 200],
      ['member', 'self-only', 200],
      ['member', 'moderator', 403],
      ['other member', 'public', 200],
      ['other member', 'member', 200],
      ['other member', 'self-only', 403],
      ['other member', 'moderator', 403],
      ['moderator', 'public', 200],
      ['moderator', 'member', 200],
      ['moderator', 'self-only', 200],
      ['moderator', 'moderator', 200],
    ];

    it.each(table)('%s calling the %s route gets %i', async (caller, route, status) => {
      const res = await get(routes[route], callers[caller]());
      expect(res.status).toBe(status);
    });

    it('says why a request without a token is refused', async () => {
      const res = await get(routes.member);
      expect(await messageOf(res)).toBe('a Bearer service token is required');
    });

    it('says a token for another guild is for another guild', async () => {
      const res = await get(routes.member, callers['other guild']());
      expect(await messageOf(res)).toBe('token is for another guild');
    });

    it('refuses an invalid token even on a public route', async () => {
      const forged = signServiceToken('a-different-secret-of-enough-length!!', {
        sub: ALICE,
        guildId: GUILD,
        role: 'owner',
        aud: kit.config.service,
      });
      const res = await get(routes.public, forged);
      expect(res.status).toBe(401);
      expect(await messageOf(res)).toBe('invalid service token: bad signature');
    });

    it('refuses a moderator token made for another service (one service cannot replay it to another)', async () => {
      const forRoles = signServiceToken(kit.config.authSecret, {
        sub: ALICE,
        guildId: GUILD,
        role: 'owner',
        aud: kit.config.service === 'roles' ? 'xp' : 'roles',
      });
      const res = await get(routes.member, forRoles);
      expect(res.status).toBe(401);
      expect(await messageOf(res)).toMatch(/^invalid service token: token is for (roles|xp), not /);
    });

    it('refuses an expired token', async () => {
      const expired = signServiceToken(
        kit.config.authSecret,
        { sub: ALICE, guildId: GUILD, role: 'member', aud: kit.config.service },
        1,
        1_000,
      );
      const res = await get(routes.member, expired);
      expect(res.status).toBe(401);
      expect(await messageOf(res)).toBe('invalid service token: token expired');
    });

    it('refuses an Authorization header that is not a Bearer token', async () => {
      const res = await fetch(`${base}${routes.public}`, {
        headers: { authorization: 'Basic dXNlcjpwdw==' },
      });
      expect(res.status).toBe(401);
    });

    it('admits only owners to an owner route', async () => {
      expect((await get(`/guilds/${GUILD}/settings`, token(MOD, 'moderator'))).status).toBe(403);
      expect((await get(`/guilds/${GUILD}/settings`, token(MOD, 'owner'))).status).toBe(200);
    });

    it('hands the verified claims to the handler', async () => {
      expect(await (await get(routes.member, token(BOB, 'member'))).json()).toEqual({ caller: BOB });
      expect(await (await get(routes.public)).json()).toEqual({ caller: null });
    });

    it('answers 400 for a guild or user id that is not a snowflake', async () => {
      const bad = await get(`/guilds/not-a-guild/members`, token(ALICE, 'member'));
      expect(bad.status).toBe(400);
      expect(await messageOf(bad)).toBe('guildId must be a Discord snowflake');
      const badUser = await get(`/guilds/${GUILD}/members/alice/profile`, token(MOD, 'moderator'));
      expect(badUser.status).toBe(400);
      expect(await messageOf(badUser)).toBe('userId must be a Discord snowflake');
    });
  });

  describe('validation', () => {
    const post = (body: unknown): Promise<Response> =>
      get(`/guilds/${GUILD}/things`, token(ALICE, 'member'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('accepts a valid body as the DTO class', async () => {
      const res = await post({ name: 'lamp', count: 3 });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ isDto: true, name: 'lamp', count: 3 });
    });

    it('answers 400 naming the invalid field', async () => {
      const res = await post({ name: '', count: 3 });
      expect(res.status).toBe(400);
      expect(await messageOf(res)).toEqual([
        expect.stringMatching(/^name must be longer than or equal to 1/),
      ]);
    });

    it('answers 400 naming a field that is not allowed', async () => {
      const res = await post({ name: 'lamp', count: 3, admin: true });
      expect(res.status).toBe(400);
      expect(await messageOf(res)).toEqual(['property admin should not exist']);
    });
  });
});

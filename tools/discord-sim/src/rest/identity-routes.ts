import type { APIApplication, ApplicationFlags, RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { route, ok, type RequestContext, type Route } from '../http/router';
import type { SimContext } from '../sim-context';

/** Discord's daily budget of new sessions for most bots; a RESUME does not count. */
const SESSION_STARTS_PER_DAY = 1000;

function gatewayUrl(sim: SimContext): string {
  return `${sim.baseUrl().replace(/^http/, 'ws')}/gateway`;
}

export function applicationPayload(sim: SimContext): APIApplication {
  const { world } = sim;
  const app: APIApplication = {
    id: world.identity.applicationId,
    name: world.bot.username,
    icon: null,
    description: 'Simulated application',
    bot_public: true,
    bot_require_code_grant: false,
    bot: world.bot,
    verify_key: '0'.repeat(64),
    flags: 0 as ApplicationFlags,
    flags_new: '0',
    team: null,
    summary: '',
    owner: world.users.get(world.guilds.values().next().value?.ownerId ?? '') ?? world.bot,
    approximate_guild_count: world.guilds.size,
    redirect_uris: [],
    interactions_endpoint_url: null,
  };
  return app;
}

/** The user behind the call: the bot for a bot token, the signed-in user for a Bearer token. */
function currentUser(sim: SimContext, ctx: RequestContext) {
  return ctx.caller.kind === 'bearer' ? sim.world.user(ctx.caller.userId) : sim.world.bot;
}

export function identityRoutes(sim: SimContext): Route[] {
  return [
    route('GET', '/gateway', () => ok({ url: gatewayUrl(sim) }), 'none'),
    route('GET', '/gateway/bot', () => {
      const result: RESTGetAPIGatewayBotResult = {
        url: gatewayUrl(sim),
        // Discord recommends one shard per 1000 guilds (2500 is the hard limit).
        shards: Math.max(1, Math.ceil(sim.world.guilds.size / 1000)),
        session_start_limit: {
          total: SESSION_STARTS_PER_DAY,
          remaining: Math.max(0, SESSION_STARTS_PER_DAY - sim.gateway.logins.sessionsStarted),
          reset_after: 14_400_000,
          // IDENTIFYs allowed per 5 s per bucket (shard_id % max_concurrency); 1 for most bots.
          max_concurrency: sim.settings.maxConcurrency,
        },
      };
      return ok(result);
    }),
    route('GET', '/users/@me', (ctx) => ok(currentUser(sim, ctx)), 'bot-or-bearer'),
    route('GET', '/users/:userId', (ctx) => ok(sim.world.user(ctx.params.userId))),
    route('GET', '/applications/@me', () => ok(applicationPayload(sim))),
    route('GET', '/oauth2/applications/@me', () => ok(applicationPayload(sim))),
  ];
}

import type { RESTAPIPartialCurrentUserGuild } from 'discord-api-types/v10';
import { ApiError, unauthorized } from '../http/api-error';
import { ok, route, type Reply, type RequestContext, type Route } from '../http/router';
import type { SimContext } from '../sim-context';
import { memberPayload } from '../state/payloads';
import { memberPermissions } from '../state/permissions';
import { authorizePage } from './authorize-page';

const oauthError = (error: string, description: string, status = 400): Reply => ({
  status,
  body: { error, error_description: description },
});

/** client_id/client_secret come in the form body or as HTTP Basic credentials. */
function clientCredentials(ctx: RequestContext): { id?: string; secret?: string } {
  const body = (ctx.body ?? {}) as Record<string, string>;
  const basic = /^Basic (.+)$/i.exec(ctx.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: body.client_id, secret: body.client_secret };
}

export function oauthRoutes(sim: SimContext): Route[] {
  const { world, oauth } = sim;

  const authorize = (ctx: RequestContext): Reply => {
    const form = (ctx.body ?? {}) as Record<string, string>;
    const query = new URLSearchParams({ ...Object.fromEntries(ctx.query), ...form });
    const clientId = query.get('client_id');
    if (clientId !== world.identity.applicationId) return { status: 400, html: '<p>Unknown client_id.</p>' };
    const redirectUri = query.get('redirect_uri');
    const loginAs = query.get('login_as');
    const people = [...world.users.values()].filter((u) => !u.bot);
    if (!loginAs) return { status: 200, html: authorizePage(people, query, world.bot.username) };
    if (!world.users.has(loginAs)) return { status: 400, html: '<p>Unknown user.</p>' };
    if (!redirectUri) return { status: 400, html: '<p>redirect_uri is required.</p>' };
    const scopes = (query.get('scope') ?? 'identify').split(/[ +]/).filter(Boolean);
    const codeChallenge = query.get('code_challenge') ?? undefined;
    if (codeChallenge && query.get('code_challenge_method') !== 'S256')
      return { status: 400, html: '<p>Unsupported "code_challenge_method".</p>' };
    const code = oauth.issueCode({ userId: loginAs, clientId, redirectUri, scopes, codeChallenge });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (query.get('state')) target.searchParams.set('state', query.get('state') as string);
    return { status: 302, redirect: target.toString() };
  };

  const token = (ctx: RequestContext): Reply => {
    const body = (ctx.body ?? {}) as Record<string, string>;
    const client = clientCredentials(ctx);
    if (client.id !== world.identity.applicationId || client.secret !== world.identity.clientSecret) {
      return oauthError('invalid_client', 'Invalid client credentials', 401);
    }
    if (body.grant_type === 'authorization_code') {
      const grant = oauth.redeemCode(body.code ?? '', client.id, body.redirect_uri, body.code_verifier);
      if ('error' in grant) return oauthError(grant.error, grant.description);
      return ok(oauth.issueTokens(grant.userId, grant.scopes));
    }
    if (body.grant_type === 'refresh_token') {
      const tokens = oauth.useRefreshToken(body.refresh_token ?? '');
      return tokens ? ok(tokens) : oauthError('invalid_grant', 'Invalid "refresh_token" in request.');
    }
    return oauthError('unsupported_grant_type', 'Unsupported grant type');
  };

  const signedIn = (ctx: RequestContext): string => {
    if (ctx.caller.kind !== 'bearer') throw unauthorized();
    return ctx.caller.userId;
  };

  const myGuilds = (ctx: RequestContext): Reply => {
    const userId = ctx.caller.kind === 'bot' ? world.bot.id : signedIn(ctx);
    const guilds: RESTAPIPartialCurrentUserGuild[] = [...world.guilds.values()]
      .filter((g) => g.members.has(userId))
      .map((g) => ({
        id: g.id,
        name: g.name,
        icon: null,
        banner: null,
        owner: g.ownerId === userId,
        permissions: memberPermissions(g, userId).toString(),
        features: [],
        ...(ctx.query.get('with_counts') === 'true'
          ? { approximate_member_count: g.members.size, approximate_presence_count: 0 }
          : {}),
      }));
    return ok(guilds);
  };

  return [
    route('GET', '/oauth2/authorize', authorize, 'none'),
    route('POST', '/oauth2/authorize', authorize, 'none'),
    route('POST', '/oauth2/token', token, 'none'),
    route(
      'POST',
      '/oauth2/token/revoke',
      (ctx) => {
        oauth.revoke(((ctx.body ?? {}) as Record<string, string>).token ?? '');
        return ok({});
      },
      'none',
    ),
    route(
      'GET',
      '/oauth2/@me',
      (ctx) => {
        const userId = signedIn(ctx);
        return ok({
          user: world.user(userId),
          scopes: ctx.caller.kind === 'bearer' ? ctx.caller.scopes : [],
          expires: new Date(Date.now() + 604_800_000).toISOString(),
        });
      },
      'bearer',
    ),
    route('GET', '/users/@me/guilds', myGuilds, 'bot-or-bearer'),
    route(
      'GET',
      '/users/@me/guilds/:guildId/member',
      (ctx) => {
        const userId = signedIn(ctx);
        const guild = world.guild(ctx.params.guildId);
        const member = guild.members.get(userId);
        if (!member) throw new ApiError(404, 10004, 'Unknown Guild');
        return ok(memberPayload(member, world.user(userId)));
      },
      'bearer',
    ),
  ];
}

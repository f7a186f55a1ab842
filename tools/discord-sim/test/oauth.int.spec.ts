import { createHash } from 'node:crypto';
import type { DiscordSimulator, GuildView } from '../src';
import { startSimulator } from './sim-fixture';

describe('OAuth2 sign-in for the dashboard', () => {
  let sim: DiscordSimulator;
  let guild: GuildView;
  let userId: string;
  const redirectUri = 'http://localhost:3000/api/auth/callback/discord';

  beforeAll(async () => {
    sim = await startSimulator({ clientSecret: 'dashboard-secret' });
    guild = sim.createGuild({ name: 'OAuth Guild' });
    userId = sim.addMember(guild.id, { username: 'nora', globalName: 'Nora' }).user.id;
  });

  afterAll(() => sim.stop());

  const authorizeUrl = (extra: Record<string, string> = {}) =>
    `${sim.url}/oauth2/authorize?${new URLSearchParams({ client_id: sim.applicationId, redirect_uri: redirectUri, response_type: 'code', scope: 'identify guilds', state: 'xyz', ...extra })}`;

  it('lists the simulated users to sign in as', async () => {
    const page = await fetch(authorizeUrl());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(`data-user-id="${userId}"`);
  });

  it('exchanges the code for a Bearer token that reads /users/@me and /users/@me/guilds', async () => {
    const redirect = await fetch(authorizeUrl({ login_as: userId }), { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');

    const form = {
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') as string,
      redirect_uri: redirectUri,
      client_id: sim.applicationId,
      client_secret: 'dashboard-secret',
    };
    const tokenRes = await fetch(`${sim.url}/api/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams(form),
    });
    expect(tokenRes.status).toBe(200);
    const tokens = (await tokenRes.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      refresh_token: string;
      scope: string;
    };
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'identify guilds' });
    expect(tokens.expires_in).toBeGreaterThan(0);

    const headers = { Authorization: `Bearer ${tokens.access_token}` };
    const me = await (await fetch(`${sim.url}/api/users/@me`, { headers })).json();
    expect(me).toMatchObject({ id: userId, username: 'nora', global_name: 'Nora' });
    const guilds = (await (await fetch(`${sim.url}/api/v10/users/@me/guilds`, { headers })).json()) as {
      id: string;
      owner: boolean;
      permissions: string;
    }[];
    expect(guilds).toEqual([
      expect.objectContaining({ id: guild.id, owner: false, permissions: expect.any(String) }),
    ]);

    const reused = await fetch(`${sim.url}/api/v10/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams(form),
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rejects a wrong client secret', async () => {
    const res = await fetch(`${sim.url}/api/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: redirectUri,
        client_id: sim.applicationId,
        client_secret: 'nope',
      }),
    });
    expect(res.status).toBe(401);
  });

  describe('PKCE (S256 only, as Discord)', () => {
    const verifier = 'v'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const codeFor = async (extra: Record<string, string>) => {
      const res = await fetch(authorizeUrl({ login_as: userId, ...extra }), { redirect: 'manual' });
      return new URL(res.headers.get('location') as string).searchParams.get('code') as string;
    };
    const exchange = (code: string, codeVerifier?: string) =>
      fetch(`${sim.url}/api/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: sim.applicationId,
          client_secret: 'dashboard-secret',
          ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
        }),
      });
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };

    it('hands out a token only against the verifier of the challenge', async () => {
      expect((await exchange(await codeFor(pkce), verifier)).status).toBe(200);
    });

    it('refuses the code without the verifier, with a short one, or with another', async () => {
      const missing = await exchange(await codeFor(pkce));
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({
        error: 'invalid_request',
        error_description: 'Missing "code_verifier"',
      });
      const short = await exchange(await codeFor(pkce), 'v'.repeat(42));
      expect(await short.json()).toMatchObject({
        error: 'invalid_request',
        error_description: 'Invalid "code_verifier"',
      });
      const other = await exchange(await codeFor(pkce), 'w'.repeat(43));
      expect(await other.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('refuses the plain method at the authorize step', async () => {
      const res = await fetch(
        authorizeUrl({ login_as: userId, code_challenge: verifier, code_challenge_method: 'plain' }),
        {
          redirect: 'manual',
        },
      );
      expect(res.status).toBe(400);
    });
  });
});

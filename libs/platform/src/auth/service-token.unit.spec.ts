import { createHmac } from 'node:crypto';
import { signServiceToken, ServiceTokenError, verifyServiceToken } from './service-token';

const SECRET = 'a-secret-that-is-long-enough-for-hs256';
const CLAIMS = {
  sub: '222222222222222222',
  guildId: '111111111111111111',
  role: 'member' as const,
  aud: 'xp',
};
const NOW = 1_750_000_000;

describe('service tokens', () => {
  it('verifies a token it signed and returns the claims with the expiry', () => {
    const token = signServiceToken(SECRET, CLAIMS, 60, NOW);
    expect(verifyServiceToken(SECRET, token, 'xp', NOW)).toEqual({ ...CLAIMS, exp: NOW + 60 });
  });

  it('is a standard HS256 JWT', () => {
    const [header, payload] = signServiceToken(SECRET, CLAIMS, 60, NOW).split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      ...CLAIMS,
      iat: NOW,
      exp: NOW + 60,
    });
  });

  it('defaults to a five minute lifetime', () => {
    const token = signServiceToken(SECRET, CLAIMS, undefined, NOW);
    expect(verifyServiceToken(SECRET, token, 'xp', NOW).exp).toBe(NOW + 300);
  });

  it('refuses a token signed with another secret', () => {
    const token = signServiceToken('another-secret-that-is-long-enough', CLAIMS, 60, NOW);
    expect(() => verifyServiceToken(SECRET, token, 'xp', NOW)).toThrow(
      new ServiceTokenError('bad signature'),
    );
  });

  it('refuses a token whose claims were changed after signing', () => {
    const [header, , signature] = signServiceToken(SECRET, CLAIMS, 60, NOW).split('.');
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, role: 'owner', exp: NOW + 60 })).toString(
      'base64url',
    );
    expect(() => verifyServiceToken(SECRET, `${header}.${forged}.${signature}`, 'xp', NOW)).toThrow(
      'bad signature',
    );
  });

  it('refuses a token with a changed signature', () => {
    const token = signServiceToken(SECRET, CLAIMS, 60, NOW);
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(() => verifyServiceToken(SECRET, flipped, 'xp', NOW)).toThrow('bad signature');
  });

  it('refuses a token made for another service: a token to xp cannot change roles', () => {
    const token = signServiceToken(SECRET, { ...CLAIMS, role: 'moderator' }, 60, NOW);
    expect(() => verifyServiceToken(SECRET, token, 'roles', NOW)).toThrow(
      new ServiceTokenError('token is for xp, not roles'),
    );
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const { aud: _none, ...noAudience } = CLAIMS;
    const payload = Buffer.from(JSON.stringify({ ...noAudience, iat: NOW, exp: NOW + 60 })).toString(
      'base64url',
    );
    const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
    expect(() => verifyServiceToken(SECRET, `${header}.${payload}.${signature}`, 'xp', NOW)).toThrow(
      /aud must name/,
    );
  });

  it('refuses an expired token', () => {
    const token = signServiceToken(SECRET, CLAIMS, 60, NOW);
    expect(() => verifyServiceToken(SECRET, token, 'xp', NOW + 60)).toThrow(
      new ServiceTokenError('token expired'),
    );
    expect(() => verifyServiceToken(SECRET, token, 'xp', NOW + 59)).not.toThrow();
  });

  it('refuses an unsigned ("alg: none") token', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...CLAIMS, exp: NOW + 60 })).toString('base64url');
    expect(() => verifyServiceToken(SECRET, `${header}.${payload}.`, 'xp', NOW)).toThrow('malformed token');
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', 'a.b!.c'])('refuses the malformed token %j', (token) => {
    expect(() => verifyServiceToken(SECRET, token, 'xp', NOW)).toThrow(ServiceTokenError);
  });

  it('refuses correctly signed claims that are not valid', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...CLAIMS, role: 'admin', exp: NOW + 60 })).toString(
      'base64url',
    );
    const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
    expect(() => verifyServiceToken(SECRET, `${header}.${payload}.${signature}`, 'xp', NOW)).toThrow(
      /role must be one of/,
    );
  });

  it.each([
    [{ ...CLAIMS, sub: 'alice' }, /sub must be a Discord snowflake/],
    [{ ...CLAIMS, guildId: '1'.repeat(21) }, /guildId must be a Discord snowflake/],
    [{ ...CLAIMS, role: 'admin' as never }, /role must be one of member, moderator, owner/],
  ])('will not sign invalid claims %#', (claims, message) => {
    expect(() => signServiceToken(SECRET, claims, 60, NOW)).toThrow(message);
  });

  it('refuses a correctly signed token that would live for days (a lifetime cap, whatever exp says)', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const signed = (claims: object) => {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
      return `${header}.${payload}.${signature}`;
    };
    expect(() =>
      verifyServiceToken(SECRET, signed({ ...CLAIMS, iat: NOW, exp: NOW + 30 * 86_400 }), 'xp', NOW),
    ).toThrow('a token may live at most 900 s');
    expect(() => verifyServiceToken(SECRET, signed({ ...CLAIMS, exp: NOW + 60 }), 'xp', NOW)).toThrow(/iat/);
    expect(() =>
      verifyServiceToken(SECRET, signed({ ...CLAIMS, iat: NOW + 3600, exp: NOW + 3900 }), 'xp', NOW),
    ).toThrow(/iat/);
    expect(verifyServiceToken(SECRET, signed({ ...CLAIMS, iat: NOW, exp: NOW + 900 }), 'xp', NOW).exp).toBe(
      NOW + 900,
    );
    expect(() => signServiceToken(SECRET, CLAIMS, 901, NOW)).toThrow(/from 1 to 900/);
  });

  it('will not sign or verify with an empty secret', () => {
    expect(() => signServiceToken('', CLAIMS)).toThrow(/secret/);
    expect(() => verifyServiceToken('', 'a.b.c', 'xp')).toThrow(/secret/);
  });
});

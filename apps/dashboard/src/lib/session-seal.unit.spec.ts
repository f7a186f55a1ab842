import { decrypt, encrypt, seal, unseal } from './session-seal';

describe('signed cookies', () => {
  const secret = 'x'.repeat(32);

  it('round-trips a value', () => {
    expect(unseal(secret, 'session', seal(secret, 'session', { a: 1 }))).toEqual({ a: 1 });
  });

  it('refuses a value edited in the browser', () => {
    const sealed = seal(secret, 'session', { role: 'member' });
    const [, sig] = sealed.split('.');
    const forged = `${Buffer.from(JSON.stringify({ role: 'owner' })).toString('base64url')}.${sig}`;
    expect(unseal(secret, 'session', forged)).toBeUndefined();
  });

  it('refuses a seal made for another purpose or with another secret', () => {
    const state = seal(secret, 'oauth-state', { state: 's' });
    expect(unseal(secret, 'session', state)).toBeUndefined();
    expect(unseal('y'.repeat(32), 'oauth-state', state)).toBeUndefined();
    expect(unseal(secret, 'session', 'garbage')).toBeUndefined();
  });
});

describe('encrypted secrets', () => {
  const secret = 'x'.repeat(32);

  it('round-trips, and the stored form does not contain the secret', () => {
    const boxed = encrypt(secret, 'discord-token', 'token-abc');
    expect(boxed).not.toContain('token-abc');
    expect(Buffer.from(boxed.split('.')[2], 'base64url').toString()).not.toContain('token');
    expect(decrypt(secret, 'discord-token', boxed)).toBe('token-abc');
  });

  it('refuses a tampered box, another purpose, another secret and garbage', () => {
    const boxed = encrypt(secret, 'discord-token', 'token-abc');
    const [iv, tag, body] = boxed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(
      decrypt(secret, 'discord-token', [iv, tag, flipped.toString('base64url')].join('.')),
    ).toBeUndefined();
    expect(decrypt(secret, 'other', boxed)).toBeUndefined();
    expect(decrypt('y'.repeat(32), 'discord-token', boxed)).toBeUndefined();
    expect(decrypt(secret, 'discord-token', 'garbage')).toBeUndefined();
    expect(decrypt(secret, 'discord-token', undefined)).toBeUndefined();
  });
});

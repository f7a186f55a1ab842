import { seal, unseal } from './session-seal';

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

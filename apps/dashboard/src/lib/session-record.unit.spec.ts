import { MODERATOR_STALE_MS, sessionAsOf, sessionRecord, type SessionRecord } from './session-record';
import { keyOfCookie, newSessionCookie } from './session-store';

const record: SessionRecord = {
  user: { id: '500000000000000001', username: 'max', globalName: null, avatar: null },
  guilds: [
    { id: '100000000000000001', name: 'Hall', icon: null, role: 'moderator' },
    { id: '100000000000000002', name: 'Other', icon: null, role: 'member' },
  ],
  exp: 2_000_000_000,
  createdAt: 1_000_000,
  checkedAt: 1_000_000,
  discordToken: 'sealed',
};

describe('a session as a request may use it', () => {
  it('keeps moderator power while the last confirmation is recent', () => {
    expect(sessionAsOf(record, record.checkedAt + MODERATOR_STALE_MS).guilds[0].role).toBe('moderator');
  });

  it('serves a moderator as a member once the last confirmation is too old (Discord unreachable)', () => {
    const stale = sessionAsOf(record, record.checkedAt + MODERATOR_STALE_MS + 1);
    expect(stale.guilds.map((g) => g.role)).toEqual(['member', 'member']);
    expect(stale.user).toEqual(record.user);
  });

  it('does not hand the Discord token to the request', () => {
    expect(Object.keys(sessionAsOf(record, record.checkedAt))).toEqual(['user', 'guilds', 'exp']);
  });
});

describe('a stored session record', () => {
  it('is accepted as written, and refused when damaged or of another shape', () => {
    expect(sessionRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(sessionRecord(null)).toBeUndefined();
    expect(sessionRecord({ ...record, guilds: [{ id: '1', role: 'admin' }] })).toBeUndefined();
    expect(sessionRecord({ ...record, checkedAt: '1' })).toBeUndefined();
    const { discordToken: _token, ...noToken } = record;
    expect(sessionRecord(noToken)).toBeUndefined();
  });
});

describe('the session cookie', () => {
  it('names the member and a secret; the store key is the secret’s hash, never the secret', () => {
    const cookie = newSessionCookie(record.user.id);
    const [userId, secret] = cookie.value.split('.');
    expect(userId).toBe(record.user.id);
    expect(cookie.key.startsWith(`${userId}.`)).toBe(true);
    expect(cookie.key).not.toContain(secret);
    expect(keyOfCookie(cookie.value)).toEqual({ userId, key: cookie.key });
  });

  it('refuses anything else: an old sealed cookie, another shape, a key subject wildcard', () => {
    expect(keyOfCookie(undefined)).toBeUndefined();
    expect(keyOfCookie('eyJ1c2VyIjp7fX0.c2ln')).toBeUndefined();
    expect(keyOfCookie(`${record.user.id}.*`)).toBeUndefined();
    expect(keyOfCookie(`${record.user.id}.${'a'.repeat(42)}`)).toBeUndefined();
  });
});

import { roleFromDiscord } from './permissions';

describe('the role a Discord member gets in the dashboard', () => {
  it('makes the owner an owner whatever the permissions', () => {
    expect(roleFromDiscord(true, '0')).toBe('owner');
  });
  it('makes Manage Server or Administrator a moderator', () => {
    expect(roleFromDiscord(false, String(0x20))).toBe('moderator');
    expect(roleFromDiscord(false, String(0x8))).toBe('moderator');
    // Permission sets exceed 53 bits; they must be read as big integers.
    expect(roleFromDiscord(false, ((1n << 50n) | 0x20n).toString())).toBe('moderator');
  });
  it('makes everyone else a member, including malformed permissions', () => {
    expect(roleFromDiscord(false, String(0x10 | 0x400))).toBe('member');
    expect(roleFromDiscord(false, 'lots')).toBe('member');
    expect(roleFromDiscord(false, undefined)).toBe('member');
  });
});

import { isModerator } from './permissions';

describe('who is a moderator', () => {
  it('Manage Server (0x20) or Administrator (0x8) counts', () => {
    expect(isModerator(String(0x20), [], null)).toBe(true);
    expect(isModerator(String(0x8), [], null)).toBe(true);
    expect(isModerator(String(0x400 | 0x800), [], null)).toBe(false);
  });

  it('the configured mod role counts', () => {
    expect(isModerator('0', ['1', '2'], '2')).toBe(true);
    expect(isModerator('0', ['1'], '2')).toBe(false);
  });

  it('reads bitfields wider than 53 bits', () => {
    expect(isModerator(((1n << 60n) | 0x20n).toString(), [], null)).toBe(true);
  });
});

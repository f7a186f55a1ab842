import { safeNext } from './sign-in';

describe('where sign-in returns to', () => {
  it('returns to a path on this site', () => {
    expect(safeNext('/123/roles')).toBe('/123/roles');
  });
  it('never becomes an open redirect', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', '', null, undefined])
      expect(safeNext(bad)).toBe('/');
  });
});

import { safeNext } from './sign-in';

describe('where sign-in returns to', () => {
  it('returns to a path on this site', () => {
    expect(safeNext('/123/roles')).toBe('/123/roles');
  });
  it('never becomes an open redirect', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', '', null, undefined])
      expect(safeNext(bad)).toBe('/');
  });
  it('an open redirect through next=/%09/evil.example (a tab the URL parser drops) lands on the dashboard', () => {
    const origin = 'https://guildhall.example.org';
    // What the callback does with the remembered path, as the browser would follow it.
    const landing = (next: string) => new URL(safeNext(next), origin).origin;
    for (const attack of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '/ /evil.example'])
      expect(landing(attack)).toBe(origin);
    expect(safeNext(decodeURIComponent('/%09/evil.example'))).toBe('/');
  });
  it('keeps the query and the fragment of a path on this site', () => {
    expect(safeNext('/123/xp?tab=policy#curve')).toBe('/123/xp?tab=policy#curve');
  });
});

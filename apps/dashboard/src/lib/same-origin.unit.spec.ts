import { crossSiteRefusal } from './same-origin';

const HERE = 'https://guildhall.example.org';
const headers = (h: Record<string, string>) => new Headers(h);

describe('crossSiteRefusal', () => {
  it('lets reads through from anywhere', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(crossSiteRefusal(method, headers({ origin: 'https://evil.example' }), HERE)).toBeUndefined();
  });

  it('accepts a change from the dashboard’s origin, or a same-origin fetch that names no origin', () => {
    expect(crossSiteRefusal('POST', headers({ origin: HERE }), HERE)).toBeUndefined();
    expect(crossSiteRefusal('PUT', headers({ 'sec-fetch-site': 'same-origin' }), HERE)).toBeUndefined();
  });

  it('refuses a forged change from another site, a sibling subdomain, a look-alike or a request that says nothing', () => {
    for (const origin of [
      'https://evil.example',
      'https://guildhall.example.org.evil.example',
      'http://guildhall.example.org',
      'null',
    ])
      expect(crossSiteRefusal('POST', headers({ origin }), HERE)).toMatch(
        /^Refused: this request came from /,
      );
    expect(crossSiteRefusal('DELETE', headers({ 'sec-fetch-site': 'same-site' }), HERE)).toMatch(
      /same-site page/,
    );
    expect(crossSiteRefusal('POST', headers({}), HERE)).toMatch(/no Origin header/);
  });
});

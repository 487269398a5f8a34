import { describe, expect, it } from 'vitest';
import { crossSiteReason } from './same-origin-writes.js';

const GATEWAY = 'https://gateway.example.gov';
const ask = (method: string, origin: string | null, secFetchSite: string | null) => crossSiteReason({ method, origin, secFetchSite }, GATEWAY);

describe('state-changing requests from browsers', () => {
  it('lets the console and non-browser clients through', () => {
    expect(ask('POST', GATEWAY, 'same-origin')).toBeNull();
    expect(ask('PUT', GATEWAY, null)).toBeNull();
    expect(ask('POST', null, null)).toBeNull(); // command line, agency systems
    expect(ask('PATCH', null, 'none')).toBeNull();
  });

  it('refuses writes from another site, a sibling site, an opaque origin or another origin', () => {
    expect(ask('POST', 'https://evil.example', 'cross-site')).not.toBeNull();
    expect(ask('POST', 'https://intranet.example.gov', 'same-site')).not.toBeNull();
    expect(ask('POST', 'null', null)).not.toBeNull();
    expect(ask('DELETE', 'https://evil.example', null)).not.toBeNull();
    expect(ask('POST', 'http://gateway.example.gov', null)).not.toBeNull(); // scheme differs
    expect(ask('POST', null, 'cross-site')).not.toBeNull();
  });

  it('never blocks reads', () => {
    expect(ask('GET', 'https://evil.example', 'cross-site')).toBeNull();
    expect(ask('HEAD', 'https://evil.example', 'cross-site')).toBeNull();
  });
});

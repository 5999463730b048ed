import { describe, expect, it } from 'vitest';
import { ipPrefix, rateLimitAddress } from './client-info.ts';

describe('client addresses', () => {
  it('keeps only the network prefix for display and audit', () => {
    expect(ipPrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(ipPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(ipPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(ipPrefix(undefined)).toBeNull();
  });

  it('rate-limits IPv4 per address and IPv6 per /64, however the address is written', () => {
    expect(rateLimitAddress('203.0.113.77')).toBe('203.0.113.77');
    expect(rateLimitAddress('::ffff:203.0.113.77')).toBe('203.0.113.77');
    expect(rateLimitAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(rateLimitAddress('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(rateLimitAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});

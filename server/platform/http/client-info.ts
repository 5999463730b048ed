import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';

/**
 * What we keep about where a request came from: the network prefix, never the full address
 * (IPv4 /24, IPv6 /48), and a truncated user agent.
 */
export function ipPrefix(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(ip)) {
    const [head = ''] = ip.split('::');
    const groups = head.split(':').filter(Boolean);
    while (groups.length < 3) groups.push('0');
    return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return null;
}

/**
 * The key for per-address rate limits: the IPv4 address, or the IPv6 /64 (one subscriber
 * usually holds a whole /64, so per-address limits would not limit them).
 */
export function rateLimitAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(v4) || !isIPv6(ip)) return v4;
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head.split(':').filter(Boolean);
  const tailGroups = tail.split(':').filter(Boolean);
  const groups = [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).join(':')}::/64`;
}

export function clientInfo(req: Request): { ip: string; ipPrefix: string | null; userAgent: string | null } {
  const ua = req.headers['user-agent'];
  return {
    ip: rateLimitAddress(req.ip),
    ipPrefix: ipPrefix(req.ip),
    userAgent: typeof ua === 'string' ? ua.slice(0, 200) : null,
  };
}

/**
 * Links and redirects built from data the app does not control (a `?next=` parameter, a URL in
 * a server answer) may only lead to a path of this app. The URL parser is the judge: browsers
 * drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` or `/\evil.example` would
 * otherwise leave the site, and `javascript:` or `data:` would run or show something else.
 */

/** Any fixed origin serves as the base: only whether the path stays on it matters. */
const BASE = 'https://app.invalid';

/** The value as a same-origin path (`/a/b?c#d`, normalised), or undefined when it is anything else. */
export function sameOriginPath(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return undefined;
  // Control characters (stripped by the parser) and backslashes (read as slashes) have no place in our paths.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  return url.pathname + url.search + url.hash;
}

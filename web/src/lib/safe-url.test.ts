import { describe, expect, it } from 'vitest';
import { safeNext } from '../app/auth.ts';
import { sameOriginPath } from './safe-url.ts';

/** Ways a "path" can leave the site once a browser's URL parser reads it. */
const FOREIGN = [
  'https://evil.example/',
  'http:evil.example',
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' /evil',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '',
];

describe('sameOriginPath', () => {
  it('keeps paths of this app, normalised', () => {
    expect(sameOriginPath('/record')).toBe('/record');
    expect(sameOriginPath('/cvs/1?tab=pdf#top')).toBe('/cvs/1?tab=pdf#top');
    expect(sameOriginPath('/api/me/export/1/download')).toBe('/api/me/export/1/download');
    expect(sameOriginPath('/a/../b')).toBe('/b');
  });

  it.each(FOREIGN)('refuses %j', (value) => {
    expect(sameOriginPath(value)).toBeUndefined();
  });

  it('refuses nothing at all', () => {
    expect(sameOriginPath(null)).toBeUndefined();
    expect(sameOriginPath(undefined)).toBeUndefined();
  });
});

describe('safeNext (the sign-in ?next= parameter)', () => {
  it('follows a path of the app', () => {
    expect(safeNext('/record?x=1#posts')).toBe('/record?x=1#posts');
  });

  it.each(FOREIGN)('sends %j home instead', (value) => {
    expect(safeNext(value)).toBe('/');
  });

  it('decoded tab or newline tricks from the query string go home too', () => {
    expect(safeNext(new URLSearchParams('next=/%09/evil.example').get('next'))).toBe('/');
    expect(safeNext(new URLSearchParams('next=/%5Cevil.example').get('next'))).toBe('/');
  });

  it('does not loop back to a public page', () => {
    expect(safeNext('/sign-in?next=/record')).toBe('/');
    expect(safeNext('/record/../sign-up')).toBe('/');
  });
});

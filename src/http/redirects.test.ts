import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import { northfield, PASSWORD } from '../../test/story.ts';
import { sameSitePath } from './security.ts';

/**
 * Ways to make "go back to where you were" lead off the site: each must end on a path of ours.
 * After the OWASP unvalidated-redirects cheat sheet and browsers' URL parsing (WHATWG URL).
 */
const TRICKS = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' //evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  'https://evil.example',
  'http:evil.example',
  'https:/evil.example',
  '//evil.example@seconded.test',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '%2F%2Fevil.example',
  '/\u0000/evil.example',
  '',
];

/** Where a browser would go from a Location header, resolved against our own address. */
const landsOn = (location: string) => new URL(location, 'http://seconded.test/').origin;

describe('redirects after sign-in', () => {
  it.each(TRICKS.map((t) => [JSON.stringify(t), t]))('%s stays on the site', (_name, trick) => {
    const path = sameSitePath(trick);
    expect(path.startsWith('/') && !/^\/[/\\]/.test(path)).toBe(true);
    expect(landsOn(path)).toBe('http://seconded.test');
  });

  it('keeps a path of ours, with its query and fragment', () => {
    expect(sameSitePath('/meetings/abc/console?x=1#vote')).toBe('/meetings/abc/console?x=1#vote');
    expect(sameSitePath('/bodies/abc/../def')).toBe('/bodies/def');
  });

  it('sends the person only to a path of ours, through the real sign-in form', async () => {
    const open = await freshDatabase('sqlite');
    try {
      const ctx = testContext(open);
      await northfield(ctx);
      for (const next of [...TRICKS, '/account']) {
        const shown = await client(ctx).request(`/sign-in?next=${encodeURIComponent(next)}`);
        if (shown.status === 400) continue; // a NUL in the address is refused outright
        const page = await shown.text();
        const hidden = /name="next" value="([^"]*)"/.exec(page)?.[1] ?? '';
        expect(landsOn(hidden.replaceAll('&amp;', '&'))).toBe('http://seconded.test');
        const res = await client(ctx).form('/sign-in', {
          email: 'admin@example.org',
          password: PASSWORD,
          next,
        });
        if (next.includes('\u0000')) {
          // Refused before it is read at all (src/http/security.ts, refuseNulCharacters).
          expect([res.status, res.headers.get('location')]).toEqual([400, null]);
          continue;
        }
        expect([next, res.status]).toEqual([next, 303]);
        const location = res.headers.get('location')!;
        expect([location, landsOn(location)]).toEqual([
          next === '/account' ? '/account' : '/',
          'http://seconded.test',
        ]);
      }
    } finally {
      await open.close();
    }
  }, 60_000);
});

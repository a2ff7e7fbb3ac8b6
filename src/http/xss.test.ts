import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { rolesFixture } from '../../test/roles.ts';
import { fillPath, isApi, pathOf, routeTable } from '../../test/route-table.ts';
import { createHttpApp } from './app.tsx';

/**
 * Known XSS payloads (after the OWASP filter evasion cheat sheet): script tags, event
 * handlers, javascript: and data: links, markup breaking out of attributes, SVG, encodings.
 */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1);">',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>@import "javascript:alert(1)";</style>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<<script>alert(1);//<</script>',
  '\u003cscript\u003ealert(1)\u003c/script\u003e',
  '%3Cscript%3Ealert(1)%3C/script%3E',
  '{{constructor.constructor("alert(1)")()}}',
  '<a href="java\tscript:alert(1)">x</a>',
];

/** What no page may contain, whatever was stored: the assertion behind every page below. */
export function dangerousMarkup(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    if (
      /^<script\b/i.test(tag) &&
      !/^<script (type="module" )?src="\/assets\/[\w-]+\.js"( defer(="")?)?>$/.test(tag)
    )
      found.push(`script ${tag}`);
    // Attributes as a browser reads them: name, then a quoted or bare value.
    const attributes = [
      ...tag.matchAll(/[\s/]([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g),
    ].map((m) => ({ name: m[1]!.toLowerCase(), value: m[2] ?? m[3] ?? m[4] ?? '' }));
    for (const { name, value } of attributes) {
      if (/^on/.test(name)) found.push(`handler ${tag}`);
      // Browsers decode entities and drop tabs and newlines in a URL before reading its scheme.
      const url = value
        .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
        .replace(/&#(\d+);?/g, (_, d: string) => String.fromCharCode(Number(d)))
        .replace(/[\t\n\r]/g, '')
        .trim();
      if (
        ['href', 'src', 'action', 'formaction', 'data', 'content'].includes(name) &&
        /(^|url=)\s*(javascript|vbscript|data):/i.test(url) &&
        !/^data:image\//.test(url)
      )
        found.push(`link ${tag}`);
    }
    if (/^<(iframe|object|embed|base|style)\b/i.test(tag)) found.push(`element ${tag}`);
  }
  // A page has one body of its own (the projector's carries a class); a second was injected.
  if ((html.match(/<body[\s>]/gi) ?? []).length > 1) found.push('a second body element');
  // Inline script between tags (an external script has nothing between its tags).
  if (/<script\b[^>]*>[^<]+<\/script>/i.test(html)) found.push('inline script');
  return found;
}

describeEachDatabase('motion text is safe on every page that shows it', (database) => {
  it('stores each known XSS payload through the API and renders it as text everywhere', async () => {
    const ctx = testContext(database());
    const fixture = await rolesFixture(ctx);
    const { member, secretary } = fixture.clients;
    const camden = fixture.ids.bodies;

    // The secretary calls a meeting whose title is a payload; the member drafts a motion for it
    // with every payload as title, clause, addressee and officer.
    const called = await secretary.json('POST', `/api/v1/bodies/${camden}/meetings`, {
      title: XSS_PAYLOADS[0],
      startsAt: '2026-07-20T19:00:00Z',
      location: XSS_PAYLOADS[2],
    });
    expect(called.status).toBe(201);
    const { meetingId } = (await called.json()) as { meetingId: string };
    const motionIds: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      const drafted = await member.json('POST', `/api/v1/bodies/${camden}/motions`, {
        meetingId,
        title: payload,
        clauses: [
          { kind: 'notes', text: payload },
          { kind: 'resolves', text: `to act ${payload}` },
          { kind: 'calls-on', text: payload, bodyName: payload },
          { kind: 'instructs', text: payload, officer: payload },
        ],
      });
      expect(drafted.status, payload).toBe(201);
      motionIds.push(((await drafted.json()) as { motionId: string }).motionId);
    }

    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const pages = routeTable(app).filter(
      (k) => k.startsWith('GET ') && !isApi(k) && !k.startsWith('GET /assets/'),
    );
    let checked = 0;
    for (const viewer of [member, secretary]) {
      for (const key of pages) {
        const ids = key.includes('/motions/:id') ? motionIds : [undefined];
        for (const motionId of ids) {
          const path = fillPath(pathOf(key), (param, before) =>
            before === 'motions'
              ? motionId!
              : before === 'meetings'
                ? key.includes('minutes')
                  ? fixture.ids.heldMeeting
                  : meetingId
                : param === 'slug' && key.includes('/r/')
                  ? key.includes('/minutes/')
                    ? fixture.ids.minutesSlug
                    : fixture.ids.resolutionSlug
                  : param === 'slug' || param === 'org'
                    ? fixture.ids.organisationSlug
                    : param === 'body'
                      ? fixture.ids.bodySlug
                      : (fixture.ids[before as keyof typeof fixture.ids] ?? 'unknown'),
          );
          const res = await viewer.request(path);
          const html = await res.text();
          if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
          expect(dangerousMarkup(html), path).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(2 * XSS_PAYLOADS.length);

    // Rendered, as text: each payload appears escaped on its motion's page and the meeting's.
    const motionPage = await (await secretary.request(`/motions/${motionIds[0]}`)).text();
    expect(motionPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const meetingPage = await (await member.request(`/meetings/${meetingId}`)).text();
    expect(meetingPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(meetingPage).toContain('&lt;img src=x onerror=alert(1)&gt;');
  }, 120_000);
});

it('recognises each payload as dangerous when it is not escaped (the check is not empty)', () => {
  const missed = XSS_PAYLOADS.filter(
    (p) =>
      !p.startsWith('%3C') &&
      !p.startsWith('{{') &&
      dangerousMarkup(`<p>${p}</p><input value="${p}"><input value='${p}'>`).length === 0,
  );
  expect(missed).toEqual([]);
});

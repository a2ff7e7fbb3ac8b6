import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { signedIn } from '../../test/http-client.ts';
import type { AppContext } from '../app/common/context.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { withLocale } from '../messages/messages.ts';

/**
 * English a French reader must never see in what Seconded generates (issue 15, item 8): declared
 * results, rules applied, a count's stages and reasons, minutes, automatic titles. Words French
 * shares with English ("quorum", "votes", "Motion") are looked for in English phrases only.
 */
const ENGLISH = [
  /\bcarried\b/,
  /\blost\b/,
  /\bnot carried\b/,
  /\bthe quorum is\b/,
  /\bquorum of\b/,
  /\belected\b/,
  /\bexcluded\b/,
  /\bseats?\b/,
  /\bstage\b/i,
  /\bMinutes of\b/i,
  /\bResolution\b/,
  /\bResolved\b/,
  /\bwas declared\b/,
  /\breached the quota\b/,
  /\bfor one seat\b/,
  /\bvalid ballot papers?\b/,
  /\bFirst preferences\b/,
  /\bExclusion of\b/,
  /\bTransfer of\b/,
  /\bElection of\b/,
  /\blowest with\b/,
  /\bevery seat\b/,
  /\bchosen by lot\b/,
  /\bsimple majority\b/,
  /\bvotes cast\b/,
  /\bno abstentions\b/,
  /\bcasting vote\b/,
  /\bmembers present\b/,
  /\bin the chair\b/,
  /\bThe meeting (opened|closed)\b/,
  /\bmoved the motion\b/,
  /\bmoved an amendment\b/,
  /\bseconded by\b/,
  /\bThe question was put\b/,
  /\bshow of hands\b/,
  /\bApologies\b/,
  /\bOpening\b/,
  /\bMotion: /,
  /\bThat the question be now put\b/,
  /\bQuota\b/,
];

/**
 * What people wrote (motion texts, titles, names, ballot questions): the demo's organisations
 * write in English, and their words are theirs; only what Seconded says about them is looked at.
 */
async function peoplesWords(ctx: AppContext): Promise<string[]> {
  const strings = (json: string): string[] => {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') out.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(json));
    return out;
  };
  const db = ctx.db;
  const [motions, amendments, resolutions, ballots, meetings, items, bodies, orgs, people] =
    await Promise.all([
      db.selectFrom('motions').select(['title', 'text']).execute(),
      db.selectFrom('amendments').select(['change']).execute(),
      db.selectFrom('resolutions').select(['title', 'text']).execute(),
      db.selectFrom('ballots').select(['question', 'options']).execute(),
      db.selectFrom('meetings').select(['title', 'location']).execute(),
      db.selectFrom('agenda_items').select(['title']).execute(),
      db.selectFrom('bodies').select(['name']).execute(),
      db.selectFrom('organisations').select(['name']).execute(),
      db.selectFrom('people').select(['name']).execute(),
    ]);
  return [
    ...motions.flatMap((m) => [m.title, ...strings(m.text)]),
    ...amendments.flatMap((a) => strings(a.change)),
    ...resolutions.flatMap((r) => [r.title, ...strings(r.text)]),
    ...ballots.flatMap((b) => [b.question, ...strings(b.options)]),
    ...meetings.flatMap((m) => [m.title, m.location ?? '']),
    // Agenda items the secretary titled; one made for a motion is titled by Seconded.
    ...items.map((i) => i.title.replace(/^Motion\s?: /, '')),
    ...[...bodies, ...orgs, ...people].map((r) => r.name),
  ].filter((s) => s.trim().length > 2);
}

/** A page's text as read: no markup, no scripts, entities decoded, people's words left out. */
function readableText(html: string, theirs: readonly string[]): string {
  let text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  for (const words of theirs) text = text.split(words).join(' ');
  return text;
}

describeEachDatabase('the demo in French', (database) => {
  it(
    'shows no English sentence of its own on any page the demo’s people reach',
    { timeout: 300_000 },
    async () => {
      const ctx = testContext(database());
      // The demo's meetings drafted by a French-speaking secretary: their minutes, agenda items
      // and amendments are worded in French as they are drafted.
      const { password } = await withLocale('fr', () => seedDemo(ctx));
      const theirs = (await peoplesWords(ctx)).sort((a, b) => b.length - a.length);
      const found: string[] = [];
      let pages = 0;
      for (const email of [
        'camden.chair@example.org',
        'camden.secretary@example.org',
        'camden.member@example.org',
        'nec.secretary@example.org',
        'demo.admin@example.org',
      ]) {
        const who = await signedIn(ctx, email, password);
        const seen = new Set<string>(['/']);
        const queue = ['/'];
        while (queue.length > 0 && seen.size < 250) {
          const path = queue.shift()!;
          const res = await who.request(path, { headers: { 'accept-language': 'fr' } });
          if (res.status !== 200 || !res.headers.get('content-type')?.includes('html')) continue;
          const html = await res.text();
          pages++;
          const text = readableText(html, theirs);
          for (const english of ENGLISH) {
            const hit = english.exec(text);
            if (hit) {
              const at = Math.max(0, hit.index - 60);
              found.push(`${path}: ${text.slice(at, hit.index + 60).replace(/\s+/g, ' ')}`);
            }
          }
          for (const m of html.matchAll(/href="(\/[^"#?]*)"/g)) {
            const link = m[1]!;
            if (/sign-out|\.(pdf|csv|blt|ics|atom|json)$|^\/api\/|^\/assets\//.test(link)) continue;
            if (!seen.has(link)) {
              seen.add(link);
              queue.push(link);
            }
          }
        }
      }
      expect(pages).toBeGreaterThan(50);
      expect([...new Set(found)]).toEqual([]);
    },
  );
});

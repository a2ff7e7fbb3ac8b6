import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { ORIGIN } from '../../test/http-client.ts';
import { openCamdenMeeting } from '../../test/live-room.ts';
import { createHttpApp } from '../http/app.tsx';
import { ERROR_CODES } from '../domain/errors.ts';
import { MOTION_STATUSES } from '../domain/meetings/motion.ts';
import { COMMUNICATION_STATUSES } from '../domain/resolutions/communication.ts';
import { catalogues, chooseLocale, LOCALES, t, tp, withLocale } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** The singular of a plural may say its number in words ("for one seat"): `{count}` is optional. */
const placeholdersOf = (key: string, text: string) =>
  placeholders(text).filter((p) => !(p === 'count' && key.endsWith('.one')));

/**
 * What a catalogue lacks against the English one: keys it has no words for, keys English does not
 * have, and texts whose `{placeholders}` differ from the English text's.
 */
function catalogueProblems(english: Record<string, string>, other: Record<string, string>) {
  return {
    missing: Object.keys(english).filter((key) => !other[key]?.trim()),
    unknown: Object.keys(other).filter((key) => !(key in english)),
    mismatched: Object.entries(english)
      .filter(([key]) => other[key] !== undefined)
      .filter(
        ([key, text]) =>
          JSON.stringify(placeholdersOf(key, other[key]!)) !==
          JSON.stringify(placeholdersOf(key, text)),
      )
      .map(([key]) => key),
  };
}

describe('the message catalogue', () => {
  const english = catalogues.en;
  for (const locale of LOCALES) {
    it(`has every key in ${locale}, each with the English text's placeholders`, () => {
      expect(catalogueProblems(english, catalogues[locale])).toEqual({
        missing: [],
        unknown: [],
        mismatched: [],
      });
    });
  }

  it('names a key a language lacks, and a placeholder it changes or leaves out', () => {
    const en = { 'a.one': 'For {name}', 'a.two': '{n} of {total}', 'a.three': 'Plain' };
    const xx = { 'a.one': 'Pour {nom}', 'a.three': '', 'a.four': 'Extra', 'a.two': '{n} sur' };
    expect(catalogueProblems(en, xx)).toEqual({
      missing: ['a.three'],
      unknown: ['a.four'],
      mismatched: ['a.one', 'a.two'],
    });
  });

  it('holds the words of every page, refusal, state and email in one catalogue per language', () => {
    const keys = Object.keys(english);
    const coded = [
      ...Object.keys(ERROR_CODES).map((code) => `refusal.${code}`),
      ...MOTION_STATUSES.flatMap((s) => [`state.motion.${s}`, `state.amendment.${s}`]),
      ...COMMUNICATION_STATUSES.map((s) => `state.communication.${s}`),
    ];
    expect(coded.filter((key) => !keys.includes(key))).toEqual([]);
    expect(keys.filter((key) => key.startsWith('mail.')).length).toBeGreaterThan(20);
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
  });

  it('is read in the language of the request', () => {
    expect(withLocale('fr', () => t('speakers.callNext'))).toBe('Donner la parole au suivant');
    expect(t('speakers.callNext')).toBe('Call the next speaker');
    expect(
      withLocale('fr', () => t('quorum.line', { present: 3, members: 40, required: 10 })),
    ).toBe('3 membres présents sur 40\u202f; le quorum est de 10.');
  });

  it('sets French words with French typography and numbers, and leaves what is filled in alone', () => {
    expect(
      t('comm.from', { body: 'B', organisation: 'O', date: 'd', declared: 'x : y' }, 'fr'),
    ).toBe('De B, O. Adoptée le d\u202f: x : y.');
    expect(t('quorum.line', { present: 12345, members: 20000, required: 10 }, 'fr')).toBe(
      '12\u202f345 membres présents sur 20\u202f000\u202f; le quorum est de 10.',
    );
    expect(t('quorum.line', { present: 12345, members: 20000, required: 10 }, 'en')).toBe(
      '12,345 of 20,000 members present; the quorum is 10.',
    );
  });

  it('chooses the plural form the language gives the number', () => {
    expect([0, 1, 2].map((n) => tp('count.forSeats', n, {}, 'fr'))).toEqual([
      'pour 0 siège',
      'pour 1 siège',
      'pour 2 sièges',
    ]);
    expect([0, 1, 2].map((n) => tp('count.papers', n, {}, 'en'))).toEqual([
      '0 valid ballot papers',
      '1 valid ballot paper',
      '2 valid ballot papers',
    ]);
  });

  it('chooses the person’s language, else the browser’s first one we have, else English', () => {
    expect(chooseLocale('fr', 'en-GB,en')).toBe('fr');
    expect(chooseLocale(null, 'de-DE, fr-CA;q=0.8, en;q=0.5')).toBe('fr');
    expect(chooseLocale(null, 'en;q=0.4, fr;q=0.9')).toBe('fr');
    expect(chooseLocale(null, 'fr;q=0, en')).toBe('en');
    expect(chooseLocale(null, 'de, es')).toBe('en');
    expect(chooseLocale(null, undefined)).toBe('en');
    expect(chooseLocale('xx', 'fr')).toBe('fr');
  });
});

describeEachDatabase('pages in the reader’s language', (database) => {
  it('follows Accept-Language until the person chooses a language on their account', async () => {
    const ctx = testContext(database());
    const room = await openCamdenMeeting(ctx, 2);
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const cookie = `seconded_session=${room.members[0]!.token}`;
    const get = async (path: string, lang: string) => {
      const res = await app.request(`${ORIGIN}${path}`, {
        headers: { cookie, 'accept-language': lang },
      });
      return {
        status: res.status,
        html: await res.text(),
        language: res.headers.get('content-language'),
      };
    };
    let page = await get(`/meetings/${room.meetingId}/speakers`, 'fr-FR,fr;q=0.9');
    expect(page.status).toBe(200);
    expect(page.language).toBe('fr');
    expect(page.html).toContain('<html lang="fr">');
    expect(page.html).toContain('Demander la parole');

    const choose = (locale: string) =>
      app.request(`${ORIGIN}/account/language`, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ locale }).toString(),
      });
    expect((await choose('en')).status).toBe(303);
    page = await get(`/meetings/${room.meetingId}/speakers`, 'fr-FR,fr;q=0.9');
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('Ask to speak');
    const account = await get('/account', 'fr');
    expect(account.html).toMatch(/id="locale-en"[^>]*checked/);

    expect((await choose('xx')).status).toBe(400);
    expect((await choose('')).status).toBe(303);
    expect((await get('/account', 'fr')).html).toContain('Celle de mon navigateur');
  });
});

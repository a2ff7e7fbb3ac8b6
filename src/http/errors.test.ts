import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { ORIGIN } from '../../test/http-client.ts';
import { openCamdenMeeting } from '../../test/live-room.ts';
import { putToSecretBallot } from '../app/meetings/put-to-secret-ballot.ts';
import { DomainError, ERROR_CODES } from '../domain/errors.ts';
import { assertQuorum } from '../domain/meetings/quorum.ts';
import { decideQuestion } from '../domain/meetings/thresholds.ts';
import { showOfHands } from '../domain/meetings/votes.ts';
import { presetStandingOrders } from '../domain/organisations/standing-orders.ts';
import { createHttpApp } from './app.tsx';
import { inReadersLanguage } from './errors.tsx';
import { catalogues, LOCALES, type MessageKey, t, withLocale } from '../messages/messages.ts';

const refusedWith = (refuse: () => unknown): DomainError => {
  try {
    refuse();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('it was not refused');
};

describe('refusals in the reader’s language', () => {
  for (const locale of LOCALES) {
    it(`has a sentence for every error code in ${locale}`, () => {
      const missing = Object.keys(ERROR_CODES).filter(
        (code) => !catalogues[locale][`refusal.${code}` as MessageKey]?.trim(),
      );
      expect(missing).toEqual([]);
    });
  }

  it('says a refusal with figures, in English, word for word as it was thrown', () => {
    const rules = presetStandingOrders('citrine');
    const refusals = [
      refusedWith(() => assertQuorum(9, 40, { quorum: { kind: 'count', members: 10 } })),
      refusedWith(() => showOfHands({ for: 3, against: 2, abstain: 1 }, 5)),
      refusedWith(() =>
        decideQuestion({
          counts: { for: 3, against: 2, abstain: 1 },
          threshold: rules.defaultThreshold,
          tieRule: rules.tieRule,
          present: 5,
          members: 40,
        }),
      ),
    ];
    expect(refusals.map((e) => e.code)).toEqual([
      'QUORUM_NOT_MET',
      'TOO_MANY_VOTES',
      'TOO_MANY_VOTES',
    ]);
    for (const e of refusals) expect(t(`refusal.${e.code}`, { ...e.params }, 'en')).toBe(e.message);
  });

  it('keeps the English message for English readers and tells others the figures in theirs', () => {
    const quorum = refusedWith(() =>
      assertQuorum(1, 40, { quorum: { kind: 'count', members: 2 } }),
    );
    expect(inReadersLanguage(quorum)).toBe(quorum);
    const french = withLocale('fr', () => inReadersLanguage(quorum));
    expect(french).toMatchObject({
      code: 'QUORUM_NOT_MET',
      params: { present: 1, required: 2 },
      message:
        'Membres présents\u202f: 1\u202f; le quorum est de 2. Aucun vote ne peut avoir lieu.',
    });
    const late = new DomainError('MOTION_DEADLINE_PASSED', 'Motions had to be in by then.', [], {
      deadline: '2026-07-01T18:00:00.000Z',
    });
    expect(withLocale('fr', () => inReadersLanguage(late)).message).toBe(
      'Les motions pour cette réunion devaient être déposées avant le 1 juillet 2026 à 18:00 (UTC).',
    );
  });
});

describeEachDatabase('refusals and dates for a French reader', (database) => {
  async function setUp(members: number) {
    const ctx = testContext(database());
    const room = await openCamdenMeeting(ctx, members, { withMotion: true });
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const as = (token: string, lang: string) => ({
      form: (path: string, fields: Record<string, string>, origin = ORIGIN) =>
        app.request(`${ORIGIN}${path}`, {
          method: 'POST',
          headers: {
            cookie: `seconded_session=${token}`,
            origin,
            'accept-language': lang,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams(fields).toString(),
        }),
      json: async (method: string, path: string, body?: unknown) => {
        const res = await app.request(`${ORIGIN}/api/v1${path}`, {
          method,
          headers: {
            cookie: `seconded_session=${token}`,
            'accept-language': lang,
            'content-type': 'application/json',
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      },
      page: async (path: string) =>
        (
          await app.request(`${ORIGIN}${path}`, {
            headers: { cookie: `seconded_session=${token}`, 'accept-language': lang },
          })
        ).text(),
    });
    return { ctx, room, as };
  }

  it('refuses to put the question without a quorum in the chair’s language, on the console and in the API', async () => {
    const { room, as } = await setUp(3);
    const chair = as(room.chairToken, 'fr-FR,fr;q=0.9');
    const console = `/meetings/${room.meetingId}/console`;
    for (const member of room.members.slice(1))
      expect((await chair.form(`${console}/sign-out`, { personId: member.personId })).status).toBe(
        303,
      );

    const put = await chair.form(`${console}/put`, { motionId: room.motionId! });
    expect(put.status).toBe(409);
    const html = await put.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(
      'Membres présents\u202f: 1\u202f; le quorum est de 2. Aucun vote ne peut avoir lieu.',
    );

    const question = `/motions/${room.motionId}/question`;
    expect(await chair.json('POST', question, { mode: 'show-of-hands' })).toEqual({
      status: 409,
      body: {
        ok: false,
        error: 'QUORUM_NOT_MET',
        message:
          'Membres présents\u202f: 1\u202f; le quorum est de 2. Aucun vote ne peut avoir lieu.',
      },
    });
    // An English reader (and an API client that asks for no language) reads what it always did.
    expect(await as(room.chairToken, '').json('POST', question, { mode: 'show-of-hands' })).toEqual(
      {
        status: 409,
        body: { ok: false, error: 'QUORUM_NOT_MET', message: '1 present; the quorum is 2.' },
      },
    );
  });

  it('refuses a second vote in the language the member chose, on the ballot page and in the API', async () => {
    const { ctx, room, as } = await setUp(2);
    const { ballotId } = await putToSecretBallot(ctx, {
      actor: room.chair,
      motionId: room.motionId!,
    });
    // The member chose French on their account; their browser asks for English.
    const member = as(room.members[0]!.token, 'en-GB,en');
    expect((await member.form('/account/language', { locale: 'fr' })).status).toBe(303);

    expect((await member.form(`/ballots/${ballotId}/vote`, { choice: 'for' })).status).toBe(200);
    const twice = await member.form(`/ballots/${ballotId}/vote`, { choice: 'against' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain(
      'Ce vote a déjà été donné\u202f: chaque membre ne vote qu’une fois.',
    );
    expect(await member.json('POST', `/ballots/${ballotId}/votes`, { choice: 'for' })).toEqual({
      status: 409,
      body: {
        ok: false,
        error: 'ALREADY_VOTED',
        message: 'Ce vote a déjà été donné\u202f: chaque membre ne vote qu’une fois.',
      },
    });
  });

  it('gives the field problems of a request a French lead sentence, and refuses a forged form in French', async () => {
    const { room, as } = await setUp(2);
    // Refused before the session is read: the browser's language is all there is to go on.
    const forged = await as(room.chairToken, 'fr').form(
      `/meetings/${room.meetingId}/console/put`,
      { motionId: room.motionId! },
      'https://elsewhere.example',
    );
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain(
      'Ce formulaire a été envoyé depuis un autre site\u202f; il a donc été refusé.',
    );
    const refused = await as(room.chairToken, 'fr').json(
      'POST',
      `/motions/${room.motionId}/question`,
      { mode: 'by acclamation' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'VALIDATION_FAILED',
      message: 'Ce qui a été envoyé n’est pas valable.',
      problems: [{ path: 'mode' }],
    });
  });

  it('shows when the meeting is in the reader’s language', async () => {
    const { room, as } = await setUp(2);
    const meeting = `/meetings/${room.meetingId}`;
    expect(await as(room.members[0]!.token, 'fr').page(meeting)).toContain(
      'mercredi 1 juillet 2026 à 13:00 (Europe/London)',
    );
    expect(await as(room.members[0]!.token, 'en').page(meeting)).toContain(
      'Wednesday, 1 July 2026 at 13:00 (Europe/London)',
    );
  });
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { actorFor, carriedResolution, northfield } from '../../../test/story.ts';
import { LOCALES } from '../../domain/language.ts';
import { answerCommunication } from './answer-communication.ts';
import { assignRole } from '../organisations/assign-role.ts';
import { chooseLanguage } from '../accounts/choose-language.ts';
import { destinationsOf } from './deliver-resolution.ts';
import { importMembers } from '../organisations/import-members.ts';
import { viewResolution } from './view-resolution.ts';

describeEachDatabase('delivering a carried resolution', (database) => {
  it('delivers once per body here, and records a body elsewhere as not deliverable', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    // The administrator drafts as a member of both branches.
    for (const bodyId of [story.camdenId, story.hackneyId])
      await importMembers(ctx, {
        actor: story.admin,
        bodyId,
        csv: 'Name,Email\nAda Admin,admin@example.org',
        dryRun: false,
      });
    const { text } = await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      text: {
        title: 'Support the tenants’ strike',
        clauses: [
          { kind: 'notes', text: 'that rents rose by a tenth' },
          { kind: 'calls-on', text: 'to support the strike', bodyId: story.nationalId },
          { kind: 'calls-on', text: 'to fund the strike', bodyId: story.nationalId },
          {
            kind: 'calls-on',
            text: 'to back the strike',
            bodyName: 'the Northfield Trades Council',
          },
        ],
      },
    });
    expect(destinationsOf(text).map((d) => [d.name, d.bodyId])).toEqual([
      ['National Coordinating Group', story.nationalId],
      ['the Northfield Trades Council', null],
    ]);
    const published = await viewResolution(ctx, {
      actor: null,
      organisationSlug: 'northfield-movement',
      slug: 'support-the-tenants-strike',
    });
    expect(published.deliveries.map((d) => [d.addressee, d.status, d.toBody?.name])).toEqual([
      ['National Coordinating Group', 'sent', 'National Coordinating Group'],
      ['the Northfield Trades Council', 'not-deliverable', undefined],
    ]);
    // A second resolution of the same title gets its own address.
    await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.hackneyId,
      text: { title: 'Support the tenants’ strike', clauses: [{ kind: 'resolves', text: 'to' }] },
    });
    const second = await viewResolution(ctx, {
      actor: null,
      organisationSlug: 'northfield-movement',
      slug: 'support-the-tenants-strike-2',
    });
    expect(second.body.name).toBe('Hackney Group');
  });

  it('tells each secretary of a delivery in the language they chose', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const join = (bodyId: string, csv: string) =>
      importMembers(ctx, { actor: story.admin, bodyId, csv: `Name,Email\n${csv}`, dryRun: false });
    await join(
      story.camdenId,
      'Ada Admin,admin@example.org\nSam Shah,sam@example.org\nTom Reed,tom@example.org',
    );
    await join(story.nationalId, 'Nadia Roy,nadia@example.org');
    const people = await ctx.db.selectFrom('people').select(['id', 'email']).execute();
    const secretary = async (bodyId: string, email: string, locale: string | null) => {
      await assignRole(ctx, { actor: story.admin, bodyId, email, role: 'secretary', holds: true });
      const actor = await actorFor(ctx, people.find((p) => p.email === email)!.id);
      if (locale) await chooseLanguage(ctx, { actor, locale, offered: LOCALES });
      return actor;
    };
    await secretary(story.camdenId, 'sam@example.org', 'fr');
    await secretary(story.camdenId, 'tom@example.org', null);
    const nadia = await secretary(story.nationalId, 'nadia@example.org', 'fr');
    await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      text: {
        title: 'Fund the strike',
        clauses: [{ kind: 'calls-on', text: 'to fund the strike', bodyId: story.nationalId }],
      },
    });
    const mail = () => ctx.db.selectFrom('outbox').select(['to', 'subject', 'text']).execute();
    const received = (await mail()).filter((m) => m.to === 'nadia@example.org');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      to: 'nadia@example.org',
      subject: 'Une résolution de Camden Town Group\u202f: «\u202fFund the strike\u202f»',
    });
    expect(received[0]!.text).toContain(
      'Camden Town Group a adopté «\u202fFund the strike\u202f», qui s’adresse à National Coordinating Group.',
    );
    expect(received[0]!.text).toContain(
      `Votre boîte de réception\u202f: http://seconded.test/bodies/`,
    );

    const { id } = await ctx.db.selectFrom('communications').select('id').executeTakeFirstOrThrow();
    await answerCommunication(ctx, {
      actor: nadia,
      communicationId: id,
      answer: { type: 'rule', inOrder: false, reason: 'Reçue après la date limite.' },
    });
    const told = (await mail()).filter((m) => m.to !== 'nadia@example.org');
    const sam = told.find((m) => m.to === 'sam@example.org')!;
    expect(sam.subject).toBe(
      '«\u202fFund the strike\u202f»\u202f: National Coordinating Group, déclarée irrecevable',
    );
    expect(sam.text).toContain(
      'Bonjour Sam Shah,\n\nVotre résolution «\u202fFund the strike\u202f» envoyée à National Coordinating Group est maintenant déclarée irrecevable.\n\nReçue après la date limite.',
    );
    expect(sam.text).toContain(
      'Son suivi de transmission\u202f: http://seconded.test/r/northfield-movement/fund-the-strike',
    );
    // A secretary who chose no language is told in English, the reason in its author's words.
    const tom = told.find((m) => m.to === 'tom@example.org')!;
    expect(tom.subject).toBe('“Fund the strike”: National Coordinating Group, ruled out of order');
    expect(tom.text).toContain('Reçue après la date limite.');
  });
});

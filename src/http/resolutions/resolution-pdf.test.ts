import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client } from '../../../test/http-client.ts';
import { readPdf } from '../../../test/pdf.ts';
import { actorFor, branchOf, carriedResolution, northfield } from '../../../test/story.ts';
import { importMembers } from '../../app/organisations/import-members.ts';
import { viewResolutionById } from '../../app/resolutions/view-resolution.ts';

/**
 * The official PDF of a resolution passed by a branch whose name and words are not English:
 * every letter prints and copies out as written, the file is the same whenever it is asked for,
 * and it carries the audit chain hash that sealed the resolution.
 */

describeEachDatabase('the PDF of a resolution', (database) => {
  it('prints Polish, Czech, Greek, Ukrainian and Turkish names and symbols as written', async () => {
    let now = new Date('2026-07-01T19:30:00Z');
    const ctx = testContext(database(), { now: () => now });
    const story = await northfield(ctx);
    const athensId = await branchOf(ctx, story.admin, story.nationalId, 'Αθήνα branch');
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: athensId,
      csv: 'Name,Email\nAda Admin,admin@example.org',
      dryRun: false,
    });
    const title = 'Solidarity with Łódź, Dvořák, Київ and İstanbul';
    const { resolutionId } = await carriedResolution(ctx, {
      actor: await actorFor(ctx, story.adminId),
      bodyId: athensId,
      text: {
        title,
        clauses: [
          { kind: 'notes', text: 'that the hall in Łódź costs 1 200 € — or 40 000 ₺ in İstanbul' },
          { kind: 'resolves', text: 'to twin with Київ and to sing “ƒ” by Dvořák' },
          { kind: 'resolves', text: 'to greet 東京 👋' },
        ],
      },
    });
    const resolution = await viewResolutionById(ctx, { actor: null, resolutionId });

    const res = await client(ctx).request(`${resolution.path}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${resolution.slug}.pdf"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    const pdf = readPdf(bytes);
    const lines = pdf.text.split('\n');
    expect(lines[0]).toBe(title);
    for (const word of ['Łódź', 'Dvořák', 'Αθήνα', 'Київ', 'İstanbul', '—', '€', '₺', '“ƒ”']) {
      expect(pdf.text).toContain(word);
    }
    expect(pdf.searchable).toContain(
      '1. notes that the hall in Łódź costs 1 200 € — or 40 000 ₺ in İstanbul',
    );
    // No font here has Japanese or this emoji: each prints as the replacement character.
    expect(pdf.searchable).toContain('3. resolves to greet \uFFFD\uFFFD \uFFFD');
    expect(pdf.info).toMatchObject({
      Title: title,
      Author: 'Αθήνα branch, Northfield Movement',
      Keywords: resolution.sealHash,
      CreationDate: 'D:20260701193000Z',
    });
    expect(pdf.searchable).toContain(`Audit chain hash: ${resolution.sealHash}`);
    expect(pdf.catalog.Lang).toBe('en');
    // The same resolution gives the same bytes, a month later too.
    now = new Date('2026-08-01T10:00:00Z');
    const again = await client(ctx).request(`${resolution.path}/pdf`);
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { readFileSync } from 'node:fs';
import {
  actorFor,
  examplePath,
  exampleText,
  northfield,
  personWithAccount,
} from '../../../test/story.ts';
import { decodeCsv } from './read-csv.ts';
import { verifyAuditChains } from '../common/audit-log.ts';
import { importMembers } from './import-members.ts';
import { listMembers } from './list-members.ts';

const camdenCsv = exampleText('members/camden-branch-register.csv');

describeEachDatabase('importing a member register', (database) => {
  /**
   * The Northfield story; `importRegister` is its admin importing a register (Camden's, into
   * Camden, for real, unless told otherwise) and `register` the members of a body as they see it.
   */
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const { admin, camdenId } = story;
    return {
      ctx,
      ...story,
      importRegister: (more: Partial<Parameters<typeof importMembers>[1]> = {}) =>
        importMembers(ctx, {
          actor: admin,
          bodyId: camdenId,
          csv: camdenCsv,
          dryRun: false,
          ...more,
        }),
      register: async (bodyId = camdenId) => await listMembers(ctx, { actor: admin, bodyId }),
    };
  }

  it('adds 38 of the Camden register and rejects 2 with their line numbers and reasons', async () => {
    const { importRegister, register } = await setUp();
    const report = await importRegister();
    expect([report.rows, report.added, report.updated]).toEqual([40, 38, 0]);
    expect(report.rejected).toEqual([
      { line: 19, reason: 'no email address' },
      { line: 33, reason: 'joined date "2023-02-30" is not a real date' },
    ]);
    const members = await register();
    expect(members).toHaveLength(38);
    expect(members.find((m) => m.memberNumber === 'M100000')).toMatchObject({
      name: 'Isla Singh',
      email: 'isla.singh0@example.org',
      joinedOn: '2016-05-04',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const { importRegister, register } = await setUp();
    await importRegister();
    const again = await importRegister();
    expect([again.added, again.updated, again.unchanged, again.rejected.length]).toEqual([
      0, 0, 38, 2,
    ]);
    expect(await register()).toHaveLength(38);
  });

  it('reports on a dry run exactly what a real run does, and saves nothing', async () => {
    const { ctx, organisation, importRegister, register } = await setUp();
    const auditBefore = (await verifyAuditChains(ctx.db, organisation.organisationId))[0]!.entries;
    const dry = await importRegister({ dryRun: true });
    expect([dry.dryRun, dry.added, dry.rejected.length]).toEqual([true, 38, 2]);
    expect(await register()).toHaveLength(0);
    expect((await verifyAuditChains(ctx.db, organisation.organisationId))[0]!.entries).toBe(
      auditBefore,
    );
  });

  it('updates what changed in the register since the last import', async () => {
    const { importRegister, register } = await setUp();
    await importRegister();
    const changed = camdenCsv.replace(
      'M100001,Farah Young,farah.young1@example.org',
      'M100001,Farah Young-Adeyemi,farah.ya@example.org',
    );
    const report = await importRegister({ csv: changed });
    expect([report.added, report.updated]).toEqual([0, 1]);
    expect(report.changes).toEqual([
      { line: 3, name: 'Farah Young-Adeyemi', change: 'updated', fields: ['name', 'email'] },
    ]);
    const farah = (await register()).find((m) => m.memberNumber === 'M100001');
    expect(farah).toMatchObject({ name: 'Farah Young-Adeyemi', email: 'farah.ya@example.org' });
  });

  it('saves nothing when an import fails part-way', async () => {
    const { ctx, importRegister, register } = await setUp();
    // The progress callback runs after the rows are written, inside the transaction: failing
    // there stands for a crash or a full disk half-way through.
    await expect(
      importRegister({
        onProgress: () => {
          throw new Error('the disk is full');
        },
      }),
    ).rejects.toThrow('the disk is full');
    expect(await register()).toHaveLength(0);
    expect(await ctx.db.selectFrom('people').select('email').execute()).toEqual([
      { email: 'admin@example.org' },
    ]);
  });

  it('imports the CRM export, with split names and datetimes, by guessing its columns', async () => {
    const { hackneyId, importRegister, register } = await setUp();
    const report = await importRegister({
      bodyId: hackneyId,
      csv: exampleText('members/hackney-crm-export.csv'),
    });
    expect([report.added, report.rejected.length]).toEqual([25, 0]);
    const member = (await register(hackneyId)).find(
      (m) => m.email === 'dev.chowdhury0@example.org',
    );
    expect(member).toMatchObject({ name: 'Dev Chowdhury', joinedOn: '2016-06-27' });
  });

  it('imports the semicolon-separated file with a byte-order mark and accents, mapped by hand', async () => {
    const { importRegister, register } = await setUp();
    const report = await importRegister({
      csv: exampleText('members/islington-semicolon-bom.csv'),
      mapping: { firstName: 'Prénom', lastName: 'Nom', email: 'Courriel', joined: 'Adhésion' },
    });
    expect([report.added, report.rejected.length]).toEqual([12, 0]);
    const names = (await register()).map((m) => m.name);
    expect(names).toContain('Zoë Singh');
    expect(names).toContain('Łukasz Walsh');
  });

  it('reads a file Excel saved on Windows (Windows-1252) and imports its lapsed members as lapsed', async () => {
    const { ctx, importRegister, register } = await setUp();
    const bytes = readFileSync(examplePath('members/westminster-excel-windows-1252.csv'));
    const decoded = decodeCsv(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    const report = await importRegister({ csv: decoded.text });
    expect(report.mapping.status).toBe('Status');
    expect([report.added, report.rejected.length]).toEqual([5, 0]);
    const current = (await register()).map((m) => m.name);
    expect(current.sort()).toEqual(['José Álvarez', 'Renée Façade', 'Zoë Müller']);
    // The lapsed two are kept as history: a membership that ended on the day of the import.
    const lapsed = await ctx.db
      .selectFrom('memberships')
      .innerJoin('people', 'people.id', 'memberships.person_id')
      .select(['people.name', 'memberships.left_on'])
      .where('memberships.left_on', 'is not', null)
      .orderBy('people.name')
      .execute();
    expect(lapsed).toEqual([
      { name: 'Siân O’Brien', left_on: '2026-07-01' },
      { name: 'Søren Kjær', left_on: '2026-07-01' },
    ]);
    // UTF-8 is still read as UTF-8, and the same file again changes nothing.
    expect(decodeCsv(Buffer.from('Name,Email\nZoë,z@example.org\n')).encoding).toBe('utf-8');
    const again = await importRegister({ csv: decoded.text });
    expect([again.added, again.updated, again.unchanged]).toEqual([0, 0, 5]);
  });

  it('says once, with the fix, when no row can be imported because of one column', async () => {
    const { importRegister, hackneyId } = await setUp();
    const report = await importRegister({ bodyId: hackneyId, dryRun: true });
    expect([report.rows, report.added, report.rejected.length]).toEqual([40, 0, 40]);
    expect(report.allRejectedFor).toEqual({
      field: 'branch',
      rows: 38,
      first: {
        line: 2,
        reason: 'branch "Camden Town Group" is not Hackney Group or a body below it',
      },
    });
    // The fix: the Branch column left out, every row goes to the body importing.
    const fixed = await importRegister({
      bodyId: hackneyId,
      dryRun: true,
      mapping: { ...report.mapping, branch: undefined },
    });
    expect([fixed.added, fixed.rejected.length, fixed.allRejectedFor]).toEqual([38, 2, null]);
  });

  it('explains which columns it could not match', async () => {
    const { importRegister } = await setUp();
    await expect(
      importRegister({ csv: 'Colonne A;Colonne B\nx;y', dryRun: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Colonne A, Colonne B'),
    });
  });

  it('refuses members of another branch, without saying the body exists', async () => {
    const { ctx, camdenId, hackneyId, importRegister } = await setUp();
    await importRegister();
    const outsiderId = await personWithAccount(ctx, 'outsider@example.org');
    const outsider = await actorFor(ctx, outsiderId);
    await expect(
      importMembers(ctx, { actor: outsider, bodyId: camdenId, csv: camdenCsv, dryRun: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listMembers(ctx, { actor: outsider, bodyId: hackneyId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('streams a file of 25,000 rows in batches, refusing by line a duplicate batches apart', async () => {
    const { importRegister, ctx, camdenId } = await setUp();
    const lines = ['Membership Number,Full Name,Email'];
    for (let i = 0; i < 25_000; i++) lines.push(`N${i},Member ${i},m${i}@example.org`);
    lines[20_004] = 'N99999,Member again,m1@example.org'; // line 20,005 repeats line 3's email
    lines[23_999] = 'N23998,No Email,not-an-email'; // line 24,000
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`);
    const progress: number[] = [];
    const report = await importRegister({
      csv: {
        size: bytes.byteLength,
        chunks: async function* () {
          for (let i = 0; i < bytes.byteLength; i += 4099) yield bytes.subarray(i, i + 4099);
        },
      },
      onProgress: (done, total) => progress.push(done / total),
    });
    expect([report.rows, report.added]).toEqual([25_000, 24_998]);
    expect(report.rejected).toEqual([
      { line: 20_005, reason: 'the same member as line 3' },
      { line: 24_000, reason: '"not-an-email" is not an email address' },
    ]);
    expect(report.changes).toHaveLength(1000);
    expect(progress.at(-1)).toBe(1);
    const count = await ctx.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('body_id', '=', camdenId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(24_998);
  });

  it('records the import in the audit chain without personal data', async () => {
    const { ctx, organisation, importRegister } = await setUp();
    await importRegister();
    const [report] = await verifyAuditChains(ctx.db, organisation.organisationId);
    expect(report).toMatchObject({ broken: null, entries: 4 });
    const rows = await ctx.db.selectFrom('audit_events').select('data').execute();
    expect(rows.map((r) => r.data).join('')).not.toContain('@example.org');
  });
});

import type { Hono } from 'hono';
import { importMembers, type ImportReport } from '../../app/organisations/import-members.ts';
import { decodeCsv, readCsv } from '../../app/organisations/read-csv.ts';
import { viewBody } from '../../app/organisations/view-organisation.ts';
import { DomainError } from '../../domain/errors.ts';
import { IMPORT_FIELDS, type ColumnMapping } from '../../domain/organisations/member-import.ts';
import { t } from '../../messages/messages.ts';
import { field, formPageRoute, readForm, type FormFields, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Choice, ErrorSummary, PostForm, SendButtons } from '../pages/forms.tsx';
import { actorOn, page, requireSignedIn, Table, type C } from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { ImportMembers, mappingFromForm } from './schema.ts';

/** Where the import page is: a report, the file being checked, the columns to choose. */
interface ImportState {
  readonly report?: ImportReport;
  readonly csv?: string | undefined;
  readonly mistake?: Mistake;
  readonly headers?: readonly string[] | undefined;
  readonly mapping?: ColumnMapping | undefined;
}

/**
 * Importing a body's member register from a CSV file: upload, a dry run reporting what would
 * change (with the columns to correct if they were guessed wrong), then the import itself.
 */
export function importPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const importPage = async (c: C, state: ImportState = {}) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id')!;
    const view = await viewBody(ctx, { actor, bodyId });
    if (!view.allowed['body.manageMembers'])
      throw new DomainError('FORBIDDEN', 'Only the secretary can import members.');
    const { report, mistake } = state;
    const headers = report?.headers ?? state.headers;
    const choosing = state.csv !== undefined && headers && (!report || report.dryRun);
    return page(
      c,
      t('import.title', { body: view.body.name }),
      <>
        <BodyPageHeading body={view.body} title={t('import.title', { body: view.body.name })} />
        <ErrorSummary message={mistake?.error.message} />
        {report ? <ReportView report={report} bodyId={bodyId} bodyName={view.body.name} /> : null}
        {choosing ? (
          <PostForm action={`/bodies/${bodyId}/import`} fields={{ csv: state.csv! }}>
            <MappingChoice headers={headers} mapping={report?.mapping ?? state.mapping ?? {}} />
            <SendButtons
              name="step"
              choices={[
                ['check', t('import.recheck')],
                // Offered only when the import would add or change someone.
                ...(report && !mistake && report.added + report.updated > 0
                  ? [['import', t('import.confirm')] as const]
                  : []),
              ]}
            />
          </PostForm>
        ) : (
          <UploadForm bodyId={bodyId} />
        )}
      </>,
      mistake,
    );
  };
  web.get('/bodies/:id/import', (c) => importPage(c));
  formPageRoute(web, '/bodies/:id/import', ImportMembers, {
    readFields: withUploadedFile,
    run: async ({ c }, input) => ({
      report: await importMembers(ctx, { ...actorOn(c, 'bodyId'), ...input }),
      csv: input.csv,
    }),
    present: ({ c }, { report, csv }) => importPage(c, { report, csv }),
    again: (c, mistake) => {
      mistake.markShown();
      const csv = field(mistake.fields, 'csv') ?? '';
      // The mapping could not be used: show the columns so they can be chosen by hand. A file
      // that cannot be read (or none) is asked for again.
      const readable = csv.trim() !== '' && mistake.error.code !== 'MALFORMED_FILE';
      return importPage(c, {
        mistake,
        csv: readable ? csv : undefined,
        headers: readable ? readCsv(csv).headers : undefined,
        mapping: mappingFromForm(mistake.fields) ?? {},
      });
    },
  });
}

/** The form's fields, with an uploaded file's text as the `csv` field (else the one sent back). */
async function withUploadedFile(c: C): Promise<FormFields> {
  const fields = await readForm(c);
  const file = (await c.req.parseBody()).file;
  if (!(file instanceof File)) return fields;
  return { ...fields, csv: decodeCsv(new Uint8Array(await file.arrayBuffer())).text };
}

/** How many rows would be (or were) added, updated and rejected, and which and why. */
function ReportView({
  report,
  bodyId,
  bodyName,
}: {
  report: ImportReport;
  bodyId: string;
  bodyName: string;
}) {
  const common = report.allRejectedFor;
  return (
    <>
      {common ? (
        <div class="error-summary" role="alert">
          <p>
            {t('import.allRejected', {
              count: common.rows,
              rows: report.rows,
              column: report.mapping[common.field] ?? '',
              field: t(`import.field.${common.field}`),
              line: common.first.line,
              reason: common.first.reason,
            })}
          </p>
          <p>
            {common.field === 'branch'
              ? t('import.allRejected.fix.branch', { body: bodyName })
              : t('import.allRejected.fix.other', { field: t(`import.field.${common.field}`) })}
          </p>
        </div>
      ) : null}
      {report.dryRun && report.added + report.updated === 0 && !common ? (
        <p>{t('import.nothingToImport')}</p>
      ) : null}
      <p class="notice" role="status">
        {t(report.dryRun ? 'import.dryRunSummary' : 'import.doneSummary', {
          rows: report.rows,
          added: report.added,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected.length,
        })}
      </p>
      {report.dryRun ? null : (
        <p>
          <a href={`/bodies/${bodyId}/members`}>{t('import.viewRegister')}</a>
        </p>
      )}
      {report.rejected.length ? (
        <>
          <h2>{t('import.rejected')}</h2>
          <Table headings={[t('import.line'), t('import.reason')]}>
            {report.rejected.map((r) => (
              <tr>
                <td>{r.line}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
      {report.dryRun && report.changes.length ? (
        <>
          <h2>{t('import.changes')}</h2>
          <Table headings={[t('import.line'), t('common.name'), t('import.reason')]}>
            {report.changes.slice(0, 500).map((ch) => (
              <tr>
                <td>{ch.line}</td>
                <td>{ch.name}</td>
                <td>
                  {ch.change === 'added'
                    ? t('import.added')
                    : t('import.updated', { fields: ch.fields.join(', ') })}
                </td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </>
  );
}

/** A select per field of the register, offering the file's columns. */
function MappingChoice(props: { headers: readonly string[]; mapping: ColumnMapping }) {
  return (
    <fieldset>
      <legend>{t('import.mapping')}</legend>
      <p class="hint">{t('import.mappingIntro')}</p>
      {IMPORT_FIELDS.map((name) => (
        <Choice
          name={`map.${name}`}
          id={`map-${name}`}
          label={t(`import.field.${name}`)}
          options={[['', t('import.notInFile')], ...props.headers.map((h) => [h, h] as const)]}
          selected={props.mapping[name]}
        />
      ))}
    </fieldset>
  );
}

function UploadForm({ bodyId }: { bodyId: string }) {
  return (
    <>
      <p>{t('import.intro')}</p>
      <form method="post" action={`/bodies/${bodyId}/import`} enctype="multipart/form-data">
        <div class="field">
          <label for="file">{t('import.file')}</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" name="step" value="check">
          {t('import.check')}
        </button>
      </form>
    </>
  );
}

import type { Actor } from '../../domain/organisations/policy.ts';
import {
  csvLine,
  REGISTER_CSV_HEADINGS,
  registerCsvLine,
} from '../../domain/organisations/register.ts';
import { insertDataAccess } from '../../db/queries/data-access.ts';
import { pageRegister, type RegisterKey, type RegisterStatus } from '../../db/queries/register.ts';
import { authorise } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';

export interface ExportRegisterProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly includeBelow?: boolean | undefined;
  readonly status?: RegisterStatus | undefined;
}

export interface RegisterFile {
  /** `<body slug>-members.csv` */
  readonly filename: string;
  readonly csv: string;
}

/** Rows read at a time: the register is read page by page, as the pages read it. */
const BATCH = 5000;

/**
 * A body's register as a CSV file, in the columns the import reads (so that an export imports
 * again as it is), with each member's branch, status and lapse date. Cells a spreadsheet would
 * take for formulas are made text (`csvCell`). The export is recorded as a look at the
 * register, as the API's is, so members see that it left as data.
 */
export async function exportRegister(
  ctx: AppContext,
  props: ExportRegisterProps,
): Promise<RegisterFile> {
  const { subtree, body } = await authorise(ctx.db, props.actor, 'body.viewMembers', props.bodyId);
  const bodies = props.includeBelow ? subtree : [body];
  const names = new Map(bodies.map((b) => [b.id, b.name]));
  const day = today(ctx);
  const lines = [csvLine(REGISTER_CSV_HEADINGS)];
  await inTransaction(ctx, async (trx) => {
    await insertDataAccess(
      trx,
      bodies.map((b) => ({
        id: newId(),
        at: isoNow(ctx),
        viewer_person_id: props.actor!.personId,
        kind: 'register-export',
        body_id: b.id,
        person_id: null,
      })),
    );
    let after: RegisterKey | undefined;
    for (;;) {
      const rows = await pageRegister(trx, {
        bodyIds: bodies.map((b) => b.id),
        today: day,
        status: props.status ?? 'current',
        after,
        limit: BATCH,
        large: true,
      });
      for (const r of rows.slice(0, BATCH)) {
        lines.push(
          registerCsvLine(
            {
              memberNumber: r.member_number,
              name: r.name,
              email: r.email,
              branch: names.get(r.body_id) ?? '',
              joinedOn: r.joined_on,
              leftOn: r.left_on,
            },
            day,
          ),
        );
      }
      if (rows.length <= BATCH) break;
      const last = rows[BATCH - 1]!;
      after = {
        sortName: last.sort_name,
        personId: last.person_id,
        membershipId: last.membership_id,
      };
    }
  });
  return { filename: `${body.slug}-members.csv`, csv: lines.join('') };
}

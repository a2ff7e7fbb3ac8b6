import { DomainError, invalid } from '../../domain/errors.ts';
import {
  commonFailure,
  guessMapping,
  mappingProblems,
  planImport,
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
  type ImportPlan,
  type RejectedRow,
} from '../../domain/organisations/member-import.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { isUniqueViolation, type Db } from '../../db/database.ts';
import {
  insertMemberships,
  listRegister,
  updateMembership,
  type MembershipRow,
} from '../../db/queries/memberships.ts';
import {
  findPeopleByEmails,
  insertPeople,
  updatePerson,
  type NewPerson,
} from '../../db/queries/people.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { readCsv } from './read-csv.ts';
import { newId } from '../common/secrets.ts';

export interface ImportMembersProps {
  readonly actor: Actor | null;
  /** The body whose register is imported into; rows may name bodies below it as their branch. */
  readonly bodyId: string;
  /** The file's text. */
  readonly csv: string;
  /** Which column holds each field; guessed from the headers where not given. */
  readonly mapping?: ColumnMapping | undefined;
  /** Plan and report, save nothing. */
  readonly dryRun: boolean;
  /** Called as rows are saved, for a progress bar. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping;
  readonly rows: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly RejectedRow[];
  /** When no row can be imported and most failed on one field: that field, how many, the first. */
  readonly allRejectedFor: {
    readonly field: ImportField;
    readonly rows: number;
    readonly first: RejectedRow;
  } | null;
  /** Added and updated members, for the report page (line, name, what changed). */
  readonly changes: readonly {
    line: number;
    name: string;
    change: 'added' | 'updated';
    fields: readonly string[];
  }[];
}

/** Rolls back a dry run's transaction after the plan is made; never escapes this module. */
class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports a member register from CSV (DESIGN.md section 2, step 2). The whole import is one
 * transaction: it is saved entirely or not at all, and a dry run plans in the same way and
 * then rolls back. Importing the same file again changes nothing.
 */
export async function importMembers(
  ctx: AppContext,
  props: ImportMembersProps,
): Promise<ImportReport> {
  const table = readCsv(props.csv);
  const mapping = cleanMapping(props.mapping ?? guessMapping(table.headers));
  const problems = mappingProblems(mapping, table.headers);
  if (problems.length) {
    throw invalid(
      `The columns could not all be matched. The file's columns are: ${table.headers.join(', ')}. ${problems.join(' ')}`,
      problems.map((message) => ({ path: 'mapping', message })),
    );
  }
  try {
    return await inTransaction(ctx, async (trx) => {
      const { subtree, body } = await authorise(
        trx,
        props.actor,
        'body.manageMembers',
        props.bodyId,
      );
      const register = await listRegister(
        trx,
        subtree.map((b) => b.id),
      );
      const emails = new Set<string>();
      for (const row of table.rows) {
        const header = mapping.email;
        const value = header ? row.values[header]?.trim().toLowerCase() : undefined;
        if (value) emails.add(value);
      }
      const owners = await findPeopleByEmails(trx, [...emails]);
      const plan = planImport({
        rows: table.rows,
        mapping,
        bodies: subtree.map((b) => ({ id: b.id, name: b.name, slug: b.slug })),
        register: register.map((r) => ({
          membershipId: r.membership_id,
          personId: r.person_id,
          bodyId: r.body_id,
          name: r.name,
          email: r.email,
          memberNumber: r.member_number,
          joinedOn: r.joined_on,
          leftOn: r.left_on,
          hasAccount: r.account_person_id !== null,
        })),
        emailOwners: new Map(owners.map((p) => [p.email, p.id])),
      });
      const report = toReport(plan, table.headers, mapping, table.rows.length, props.dryRun);
      if (props.dryRun) throw new DryRun(report);

      await applyPlan(
        trx,
        plan,
        new Map(owners.map((p) => [p.email, p.id])),
        isoNow(ctx),
        today(ctx),
        props.onProgress,
      );
      // Counts only: the audit chain is permanent, so it holds no personal data.
      await auditAction(trx, props.actor, 'members.imported', ['body', body], isoNow(ctx), {
        rows: report.rows,
        added: report.added,
        updated: report.updated,
        rejected: report.rejected.length,
      });
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    if (isUniqueViolation(error)) {
      throw new DomainError(
        'CONFLICT',
        'Two members in this import would end up with the same email address; nothing was saved. Check the emails that changed.',
      );
    }
    throw error;
  }
}

function cleanMapping(mapping: ColumnMapping): ColumnMapping {
  const clean: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field]?.trim();
    if (header) clean[field] = header;
  }
  return clean;
}

function toReport(
  plan: ImportPlan,
  headers: readonly string[],
  mapping: ColumnMapping,
  rows: number,
  dryRun: boolean,
): ImportReport {
  return {
    dryRun,
    headers,
    mapping,
    rows,
    added: plan.add.length,
    updated: plan.update.length,
    unchanged: plan.unchanged.length,
    rejected: plan.rejected
      .map(({ line, reason }) => ({ line, reason }))
      .sort((a, b) => a.line - b.line),
    allRejectedFor: ((common) =>
      common && {
        ...common,
        first: { line: common.first.line, reason: common.first.reason },
      })(commonFailure(plan, rows)),
    changes: [
      ...plan.add.map((m) => ({
        line: m.line,
        name: m.name,
        change: 'added' as const,
        fields: [],
      })),
      ...plan.update.map((u) => ({
        line: u.member.line,
        name: u.member.name,
        change: 'updated' as const,
        fields: u.changes,
      })),
    ].sort((a, b) => a.line - b.line),
  };
}

async function applyPlan(
  trx: Db,
  plan: ImportPlan,
  owners: Map<string, string>,
  at: string,
  /** A member the file gives as lapsed lapses today: when they left is not in the file. */
  day: string,
  onProgress: ImportMembersProps['onProgress'],
) {
  // Progress counts new people, new memberships and updates: the three kinds of write.
  const newPeople: NewPerson[] = [];
  const newMemberships: MembershipRow[] = [];
  for (const m of plan.add) {
    let personId = owners.get(m.email);
    if (!personId) {
      personId = newId();
      owners.set(m.email, personId);
      newPeople.push({ id: personId, name: m.name, email: m.email, created_at: at });
    }
    newMemberships.push({
      id: newId(),
      body_id: m.bodyId,
      person_id: personId,
      role: 'member',
      member_number: m.memberNumber,
      joined_on: m.joinedOn,
      left_on: m.lapsed ? day : null,
      vote_weight: null,
      created_at: at,
    });
  }
  const total = newPeople.length + newMemberships.length + plan.update.length;
  let done = 0;
  const advance = (n: number) => {
    const before = done;
    done += n;
    if (onProgress && (Math.floor(before / 1000) !== Math.floor(done / 1000) || done === total)) {
      onProgress(done, total);
    }
  };
  await insertPeople(trx, newPeople, advance);
  await insertMemberships(trx, newMemberships, advance);
  for (const { member, existing, changes } of plan.update) {
    const personChanges = {
      ...(changes.includes('name') ? { name: member.name } : {}),
      ...(changes.includes('email') ? { email: member.email } : {}),
    };
    if (Object.keys(personChanges).length)
      await updatePerson(trx, existing.personId, personChanges);
    const membershipChanges = {
      ...(changes.includes('memberNumber') ? { member_number: member.memberNumber } : {}),
      ...(changes.includes('joinedOn') ? { joined_on: member.joinedOn } : {}),
      ...(changes.includes('rejoined') ? { left_on: null } : {}),
      ...(changes.includes('lapsed') ? { left_on: day } : {}),
    };
    if (Object.keys(membershipChanges).length) {
      await updateMembership(trx, existing.membershipId, membershipChanges);
    }
    advance(1);
  }
}

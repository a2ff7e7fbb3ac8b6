import { DomainError, invalid } from '../../domain/errors.ts';
import {
  commonFailure,
  compareWithRegister,
  guessMapping,
  ImportPlanner,
  keyRegister,
  mappingProblems,
  registerMatch,
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
  type MemberChange,
  type PlacedMember,
  type RegisteredMember,
  type RejectedRow,
} from '../../domain/organisations/member-import.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { isUniqueViolation, type Db } from '../../db/database.ts';
import {
  hasRegister,
  insertImported,
  ownersOfEmails,
  registerEntriesMatching,
  type ImportedMember,
  type ImportedPerson,
} from '../../db/queries/member-import.ts';
import { updateMembership } from '../../db/queries/memberships.ts';
import { updatePerson } from '../../db/queries/people.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { openCsv, type CsvSource } from './read-csv.ts';
import { newOrderedId } from '../common/secrets.ts';

export interface ImportMembersProps {
  readonly actor: Actor | null;
  /** The body whose register is imported into; rows may name bodies below it as their branch. */
  readonly bodyId: string;
  /** The file: its text, or its bytes read in chunks (read as it streams, never held whole). */
  readonly csv: CsvSource;
  /** Which column holds each field; guessed from the headers where not given. */
  readonly mapping?: ColumnMapping | undefined;
  /** Plan and report, save nothing. */
  readonly dryRun: boolean;
  /**
   * Called after each batch of rows is saved (inside the transaction), for a progress bar: how
   * much of the file is read (bytes, or characters of a text), of how much, and rows so far.
   */
  readonly onProgress?: ((done: number, total: number, rows: number) => void) | undefined;
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
  /**
   * Added and updated members, for the report page (line, name, what changed): the first
   * CHANGES_LISTED of them, so that a report on a million rows stays small.
   */
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

/** How many changes a report lists (the counts are always whole). */
export const CHANGES_LISTED = 1000;

/**
 * Rows looked up and written together: big enough for few statements, small enough that a
 * batch's rows die young. At 10,000 they lived through several minor collections, were moved to
 * the old generation and piled up there until a full one (a 300,000-row import peaked 70 MB
 * higher, and spent more CPU, than at 2,000).
 */
const BATCH = 2_000;

/**
 * Imports a member register from CSV (DESIGN.md section 2, step 2). The whole import is one
 * transaction: it is saved entirely or not at all, and a dry run plans in the same way and
 * then rolls back. Importing the same file again changes nothing.
 *
 * The file streams through in one pass (issue 21: a million members in seconds, in memory that
 * does not grow with the file): each row is checked as it is read, and each batch of accepted
 * rows is compared with the members of the register it can match (looked up by its emails and
 * member numbers, never the register whole) and written. A refused row never stops the others;
 * an error stops the whole, and the transaction takes back every batch already written.
 */
export async function importMembers(
  ctx: AppContext,
  props: ImportMembersProps,
): Promise<ImportReport> {
  const file = await openCsv(props.csv);
  try {
    const mapping = cleanMapping(props.mapping ?? guessMapping(file.headers));
    const problems = mappingProblems(mapping, file.headers);
    if (problems.length) {
      throw invalid(
        `The columns could not all be matched. The file's columns are: ${file.headers.join(', ')}. ${problems.join(' ')}`,
        problems.map((message) => ({ path: 'mapping', message })),
      );
    }
    return await inTransaction(ctx, async (trx) => {
      const { subtree, body } = await authorise(
        trx,
        props.actor,
        'body.manageMembers',
        props.bodyId,
      );
      const bodyIds = subtree.map((b) => b.id);
      const planner = new ImportPlanner(
        mapping,
        subtree.map((b) => ({ id: b.id, name: b.name, slug: b.slug })),
      );
      const tally = new Tally();
      const writer = new BatchWriter(trx, {
        bodyIds,
        // A register with no one on it yet (a first import) has no one to match.
        withRegister: await hasRegister(trx, bodyIds),
        at: isoNow(ctx),
        day: today(ctx),
        write: !props.dryRun,
      });
      let rows = 0;
      let batch: PlacedMember[] = [];
      // The batch being written while the next is read: on PostgreSQL the server inserts one
      // while this process parses and checks the next, on two cores at once. Batches are still
      // written one after another, so each batch's look-ups see every earlier batch's rows.
      let writing: Promise<void> = Promise.resolve();
      const flush = async () => {
        const full = batch;
        const read = rows;
        batch = [];
        await writing;
        const { done, total } = file.progress();
        const next = writer.run(full, tally).then(() => props.onProgress?.(done, total, read));
        // Its failure is thrown where it is awaited (the next flush, or the end of the file).
        next.catch(() => {});
        writing = next;
      };
      // The planner copies what it keeps of a row, which the file reuses for the next.
      await file.each((row) => {
        rows++;
        const read = planner.accept(row);
        if (!read.ok) tally.rejected.push(read.rejected);
        else if (batch.push(read.member) >= BATCH) return flush();
      });
      await flush();
      await writing;
      const report = tally.report(file.headers, mapping, rows, props.dryRun);
      if (props.dryRun) throw new DryRun(report);
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
  } finally {
    file.close();
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

/** What an import did, counted as its batches go. */
class Tally {
  added = 0;
  updated = 0;
  unchanged = 0;
  readonly rejected: RejectedRow[] = [];
  readonly changes: ImportReport['changes'][number][] = [];

  change(member: PlacedMember, change: 'added' | 'updated', fields: readonly MemberChange[]) {
    if (change === 'added') this.added++;
    else this.updated++;
    // Rows come in file order, so the first listed are the first lines.
    if (this.changes.length < CHANGES_LISTED)
      this.changes.push({ line: member.line, name: member.name, change, fields });
  }

  report(
    headers: readonly string[],
    mapping: ColumnMapping,
    rows: number,
    dryRun: boolean,
  ): ImportReport {
    const rejected = this.rejected.sort((a, b) => a.line - b.line);
    const common = commonFailure({ rejected }, rows);
    return {
      dryRun,
      headers,
      mapping,
      rows,
      added: this.added,
      updated: this.updated,
      unchanged: this.unchanged,
      rejected: rejected.map(({ line, reason }) => ({ line, reason })),
      allRejectedFor: common && {
        ...common,
        first: { line: common.first.line, reason: common.first.reason },
      },
      changes: this.changes,
    };
  }
}

/** Compares a batch of accepted rows with the register, and writes what it adds and updates. */
class BatchWriter {
  constructor(
    private readonly trx: Db,
    private readonly options: {
      readonly bodyIds: readonly string[];
      readonly withRegister: boolean;
      readonly at: string;
      /** A member the file gives as lapsed lapses today: when they left is not in the file. */
      readonly day: string;
      readonly write: boolean;
    },
  ) {}

  async run(batch: readonly PlacedMember[], tally: Tally) {
    if (!batch.length) return;
    const { trx, options } = this;
    const emails = [...new Set(batch.map((m) => m.email))];
    const owners = await ownersOfEmails(trx, emails);
    const { byNumber, byEmail } = keyRegister(
      options.withRegister
        ? (
            await registerEntriesMatching(trx, options.bodyIds, emails, [
              ...new Set(batch.flatMap((m) => (m.memberNumber ? [m.memberNumber] : []))),
            ])
          ).map(toRegistered)
        : [],
    );
    const newPeople: ImportedPerson[] = [];
    const newMembers: ImportedMember[] = [];
    const updates: {
      member: PlacedMember;
      existing: RegisteredMember;
      changes: readonly MemberChange[];
    }[] = [];
    for (const member of batch) {
      const outcome = compareWithRegister(
        member,
        registerMatch(member, byNumber, byEmail),
        owners.get(member.email),
      );
      if (outcome.kind === 'rejected') {
        tally.rejected.push(outcome.rejected);
      } else if (outcome.kind === 'unchanged') {
        tally.unchanged++;
      } else if (outcome.kind === 'update') {
        tally.change(member, 'updated', outcome.changes);
        updates.push(outcome);
      } else {
        tally.change(member, 'added', []);
        // One person for one email, whichever bodies' registers they are added to.
        let personId = owners.get(member.email);
        if (!personId) {
          personId = newOrderedId();
          owners.set(member.email, personId);
          newPeople.push([personId, member.name, member.email]);
        }
        newMembers.push([
          newOrderedId(),
          member.bodyId,
          personId,
          member.memberNumber,
          member.joinedOn,
          member.lapsed ? options.day : null,
        ]);
      }
    }
    if (!options.write) return;
    await insertImported(trx, options.at, newPeople, newMembers);
    for (const { member, existing, changes } of updates) {
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
        ...(changes.includes('lapsed') ? { left_on: options.day } : {}),
      };
      if (Object.keys(membershipChanges).length)
        await updateMembership(trx, existing.membershipId, membershipChanges);
    }
  }
}

const toRegistered = (r: Awaited<ReturnType<typeof registerEntriesMatching>>[number]) => ({
  membershipId: r.membership_id,
  personId: r.person_id,
  bodyId: r.body_id,
  name: r.name,
  email: r.email,
  memberNumber: r.member_number,
  joinedOn: r.joined_on,
  leftOn: r.left_on,
  hasAccount: r.account_person_id !== null,
});

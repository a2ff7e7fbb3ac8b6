import { normaliseEmail, normaliseName } from '../names.ts';
import { parseCalendarDate } from './calendar-date.ts';
import { KeyIndex } from './key-index.ts';

export { parseCalendarDate };

/**
 * Importing a member register from a spreadsheet export. The file is parsed elsewhere (the app
 * layer reads CSV); here the header row is mapped to our fields, each row is checked, and the
 * rows are compared with the register to plan what an import would add, update and reject.
 * Running the plan of a file already imported changes nothing.
 */

export const IMPORT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'email',
  'memberNumber',
  'branch',
  'joined',
  'status',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which header of the file holds each field. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/**
 * Header names seen in real exports (registers kept in spreadsheets, campaigning CRMs,
 * membership systems, and French-language spreadsheets), compared after folding case, accents
 * and punctuation.
 */
const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  name: ['name', 'full name', 'fullname', 'member name', 'display name', 'nom complet'],
  firstName: ['first name', 'firstname', 'given name', 'forename', 'forenames', 'prenom'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nom', 'nom de famille'],
  email: ['email', 'e mail', 'email address', 'mail', 'courriel', 'adresse email', 'adresse mail'],
  memberNumber: [
    'membership number',
    'member number',
    'member no',
    'membership no',
    'member id',
    'membership id',
    'number',
    'numero',
    'numero adherent',
    'numero de membre',
  ],
  branch: ['branch', 'group', 'local group', 'unit', 'section', 'chapter', 'groupe'],
  joined: [
    'joined',
    'join date',
    'joined on',
    'date joined',
    'joining date',
    'member since',
    'created at',
    'start date',
    'adhesion',
    'date adhesion',
    'date d adhesion',
  ],
  status: ['status', 'membership status', 'member status', 'statut'],
};

/**
 * Words registers use in a status column, folded as headers are: a current member, or one whose
 * membership has lapsed (imported as lapsed, kept in the register's history).
 */
const CURRENT = [
  'current',
  'active',
  'member',
  'paid',
  'in good standing',
  'yes',
  'actif',
  'active member',
  'a jour',
];
const LAPSED = [
  'lapsed',
  'left',
  'former',
  'expired',
  'inactive',
  'resigned',
  'cancelled',
  'canceled',
  'ended',
  'no',
  'ancien',
  'inactif',
  'expire',
  'resilie',
  'lapse',
];

/** Reads a status cell: false for a current member (or an empty cell), true for a lapsed one. */
export function readStatus(raw: string): boolean | null {
  const folded = foldOften(raw);
  if (folded === '' || CURRENT.includes(folded)) return false;
  if (LAPSED.includes(folded)) return true;
  return null;
}

const foldHeader = (header: string) =>
  header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * `foldHeader` for a cell read on every row (a status, a branch): a register has a handful of
 * distinct ones, and folding each of a million cells anew (a Unicode normalisation and three
 * regular expressions) costs about 0.3 s of CPU. Remembers up to FOLDS_KEPT cells.
 */
const folds = new Map<string, string>();
const FOLDS_KEPT = 256;
function foldOften(cell: string): string {
  let folded = folds.get(cell);
  if (folded === undefined) {
    folded = foldHeader(cell);
    if (folds.size < FOLDS_KEPT) folds.set(cell, folded);
  }
  return folded;
}

/** Guesses the mapping from common header names; fields it cannot place are left out. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const header = headers.find(
      (h) => !taken.has(h) && HEADER_NAMES[field].includes(foldHeader(h)),
    );
    if (header !== undefined) {
      mapping[field] = header;
      taken.add(header);
    }
  }
  return mapping;
}

/** What is wrong with a mapping for these headers; empty when it can be used. */
export function mappingProblems(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [field, header] of Object.entries(mapping)) {
    if (header !== undefined && !headers.includes(header)) {
      problems.push(`The column "${header}" chosen for ${field} is not in the file.`);
    }
  }
  if (!mapping.email) problems.push('Choose the column that holds email addresses.');
  if (!mapping.name && !(mapping.firstName && mapping.lastName) && !mapping.firstName) {
    problems.push('Choose the column that holds names (a full name, or first and last names).');
  }
  return problems;
}

/** One data row of the file: its line number in the file and its values by header. */
export interface SourceRow {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface ImportedMember {
  readonly line: number;
  /** The status column says the membership has lapsed: imported as lapsed, kept as history. */
  readonly lapsed: boolean;
  readonly name: string;
  readonly email: string;
  readonly memberNumber: string | null;
  readonly branch: string | null;
  readonly joinedOn: string | null;
}

export interface RejectedRow {
  readonly line: number;
  readonly reason: string;
  /** The field whose column made the row fail, when one did. */
  readonly field?: ImportField;
}

/** Checks one row against the mapping: a member, or the reason it cannot be imported. */
export function readRow(
  row: SourceRow,
  mapping: ColumnMapping,
): { ok: true; member: ImportedMember } | { ok: false; rejected: RejectedRow } {
  // Helpers at module level, not closures: a closure made per row is an allocation (and, loaded
  // through tsx, a call naming it) a million times over.
  const name = normaliseName(
    cell(row, mapping, 'name') ||
      [cell(row, mapping, 'firstName'), cell(row, mapping, 'lastName')].filter(Boolean).join(' '),
  );
  const nameField = mapping.name ? 'name' : 'firstName';
  if (!name) return refuse(row, 'no name', nameField);
  if (name.length > 200) return refuse(row, 'name is longer than 200 characters', nameField);

  const rawEmail = cell(row, mapping, 'email');
  if (!rawEmail) return refuse(row, 'no email address', 'email');
  const email = normaliseEmail(rawEmail);
  if (!email) return refuse(row, `"${rawEmail}" is not an email address`, 'email');

  const rawJoined = cell(row, mapping, 'joined');
  const joinedOn = rawJoined ? parseCalendarDate(rawJoined) : null;
  if (rawJoined && !joinedOn)
    return refuse(row, `joined date "${rawJoined}" is not a real date`, 'joined');

  const memberNumber = cell(row, mapping, 'memberNumber') || null;
  if (memberNumber && memberNumber.length > 64)
    return refuse(row, 'member number is too long', 'memberNumber');

  const rawStatus = cell(row, mapping, 'status');
  const lapsed = readStatus(rawStatus);
  if (lapsed === null)
    return refuse(row, `status "${rawStatus}" is neither current nor lapsed`, 'status');

  return {
    ok: true,
    member: {
      line: row.line,
      lapsed,
      name,
      email,
      memberNumber,
      branch: cell(row, mapping, 'branch') || null,
      joinedOn,
    },
  };
}

/** The value of a field's column in a row, trimmed ('' when the field has no column). */
function cell(row: SourceRow, mapping: ColumnMapping, field: ImportField): string {
  const header = mapping[field];
  return header === undefined ? '' : (row.values[header] ?? '').trim();
}

function refuse(row: SourceRow, reason: string, field?: ImportField) {
  return {
    ok: false as const,
    rejected: { line: row.line, reason, ...(field ? { field } : {}) },
  };
}

/** A member already on the register of the body (or a body below it). */
export interface RegisteredMember {
  readonly membershipId: string;
  readonly personId: string;
  readonly bodyId: string;
  readonly name: string;
  readonly email: string;
  readonly memberNumber: string | null;
  readonly joinedOn: string | null;
  /** Set when the member has left; appearing in an import again means they rejoined. */
  readonly leftOn: string | null;
  /** People who have signed up own their name; an import does not overwrite it. */
  readonly hasAccount: boolean;
}

/** A body an imported row may be placed in: the target body or one below it. */
export interface ImportBody {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
}

export type MemberChange = 'name' | 'email' | 'memberNumber' | 'joinedOn' | 'rejoined' | 'lapsed';

export interface ImportPlan {
  readonly add: readonly (ImportedMember & { bodyId: string })[];
  readonly update: readonly {
    member: ImportedMember & { bodyId: string };
    existing: RegisteredMember;
    changes: readonly MemberChange[];
  }[];
  readonly unchanged: readonly ImportedMember[];
  readonly rejected: readonly RejectedRow[];
}

export interface PlanInput {
  readonly rows: readonly SourceRow[];
  readonly mapping: ColumnMapping;
  /** The target body first, then the bodies below it. */
  readonly bodies: readonly ImportBody[];
  readonly register: readonly RegisteredMember[];
  /** Who already holds each email on this server (email → person id), for the emails in the file. */
  readonly emailOwners: ReadonlyMap<string, string>;
}

/** What became of one accepted row when it was compared with the register. */
export type RowOutcome =
  | { readonly kind: 'add'; readonly member: PlacedMember }
  | {
      readonly kind: 'update';
      readonly member: PlacedMember;
      readonly existing: RegisteredMember;
      readonly changes: readonly MemberChange[];
    }
  | { readonly kind: 'unchanged'; readonly member: PlacedMember }
  | { readonly kind: 'rejected'; readonly rejected: RejectedRow };

export type PlacedMember = ImportedMember & { readonly bodyId: string };

/**
 * Plans an import a row at a time, so that a file of a million rows is read as it streams and
 * never held whole. A row matches a registered member by member number when both have one,
 * else by email. A row whose branch names no body at or below the target is rejected; so is a
 * second row for the same person in one file (remembered in a KeyIndex: a million rows' keys in
 * tens of megabytes).
 */
export class ImportPlanner {
  readonly #mapping: ColumnMapping;
  readonly #target: ImportBody;
  readonly #bodyByName = new Map<string, { body: ImportBody; index: number }>();
  readonly #bodyIndex = new Map<string, number>();
  readonly #seenEmail = new KeyIndex();
  readonly #seenNumber = new KeyIndex();

  /** `bodies`: the target body first, then the bodies below it. */
  constructor(mapping: ColumnMapping, bodies: readonly ImportBody[]) {
    const [target] = bodies;
    if (!target) throw new Error('an import needs the target body');
    this.#mapping = mapping;
    this.#target = target;
    bodies.forEach((body, index) => {
      this.#bodyIndex.set(body.id, index);
      this.#bodyByName.set(foldHeader(body.name), { body, index });
      this.#bodyByName.set(foldHeader(body.slug), { body, index });
    });
  }

  /**
   * Reads a row of the file: the member and the body it goes to, or why it is refused (its
   * values, its branch, or an earlier row for the same member).
   */
  accept(
    row: SourceRow,
  ): { ok: true; member: PlacedMember } | { ok: false; rejected: RejectedRow } {
    const read = readRow(row, this.#mapping);
    if (!read.ok) return read;
    const member = read.member;
    const placed = member.branch
      ? this.#bodyByName.get(foldOften(member.branch))
      : { body: this.#target, index: 0 };
    if (!placed) {
      return {
        ok: false,
        rejected: {
          line: member.line,
          reason: `branch "${member.branch}" is not ${this.#target.name} or a body below it`,
          field: 'branch',
        },
      };
    }
    // The body's place in the list stands for its id in the keys: shorter, and as exact.
    const emailKey = `${placed.index}\u0000${member.email}`;
    const numberKey = member.memberNumber ? `${placed.index}\u0000${member.memberNumber}` : null;
    const earlier =
      this.#seenEmail.get(emailKey) ?? (numberKey ? this.#seenNumber.get(numberKey) : undefined);
    if (earlier !== undefined) {
      return {
        ok: false,
        rejected: { line: member.line, reason: `the same member as line ${earlier}` },
      };
    }
    this.#seenEmail.add(emailKey, member.line);
    if (numberKey) this.#seenNumber.add(numberKey, member.line);
    const { line, lapsed, name, email, memberNumber, branch, joinedOn } = member;
    // Built whole, not spread: one object of one shape per accepted row.
    return {
      ok: true,
      member: { line, lapsed, name, email, memberNumber, branch, joinedOn, bodyId: placed.body.id },
    };
  }
}

/**
 * Compares an accepted row with the registered member it matches (by member number when both
 * have one, else by email; found by the caller), and with who holds its email on this server.
 */
export function compareWithRegister(
  member: PlacedMember,
  existing: RegisteredMember | undefined,
  /** The person who already holds the row's email on this server, if anyone does. */
  owner: string | undefined,
): RowOutcome {
  if (!existing) return { kind: 'add', member };
  if (owner !== undefined && owner !== existing.personId) {
    return {
      kind: 'rejected',
      rejected: {
        line: member.line,
        reason: `${member.email} belongs to another person; member ${existing.memberNumber ?? existing.email} keeps ${existing.email}`,
      },
    };
  }
  const changes: MemberChange[] = [];
  // People who have signed up own their name and sign-in email; the register does not.
  if (!existing.hasAccount && existing.name !== member.name) changes.push('name');
  if (!existing.hasAccount && existing.email !== member.email) changes.push('email');
  if (member.memberNumber && existing.memberNumber !== member.memberNumber)
    changes.push('memberNumber');
  if (member.joinedOn && existing.joinedOn !== member.joinedOn) changes.push('joinedOn');
  // A lapsed row lapses a current member; a current row brings a lapsed one back.
  if (existing.leftOn && !member.lapsed) changes.push('rejoined');
  if (!existing.leftOn && member.lapsed) changes.push('lapsed');
  return changes.length
    ? { kind: 'update', member, existing, changes }
    : { kind: 'unchanged', member };
}

/** The registered member a row matches: by member number when both have one, else by email. */
export function registerMatch(
  member: PlacedMember,
  byNumber: ReadonlyMap<string, RegisteredMember>,
  byEmail: ReadonlyMap<string, RegisteredMember>,
): RegisteredMember | undefined {
  return (
    (member.memberNumber
      ? byNumber.get(`${member.bodyId}\u0000${member.memberNumber}`)
      : undefined) ?? byEmail.get(`${member.bodyId}\u0000${member.email}`)
  );
}

/** The register keyed as `registerMatch` reads it. */
export function keyRegister(register: readonly RegisteredMember[]) {
  const byNumber = new Map<string, RegisteredMember>();
  const byEmail = new Map<string, RegisteredMember>();
  for (const r of register) {
    if (r.memberNumber) byNumber.set(`${r.bodyId}\u0000${r.memberNumber}`, r);
    byEmail.set(`${r.bodyId}\u0000${r.email}`, r);
  }
  return { byNumber, byEmail };
}

/** Plans an import of rows held in memory (see ImportPlanner for the rules). */
export function planImport(input: PlanInput): ImportPlan {
  const planner = new ImportPlanner(input.mapping, input.bodies);
  const { byNumber, byEmail } = keyRegister(input.register);
  const add: PlacedMember[] = [];
  const update: ImportPlan['update'][number][] = [];
  const unchanged: ImportedMember[] = [];
  const rejected: RejectedRow[] = [];
  for (const row of input.rows) {
    const read = planner.accept(row);
    if (!read.ok) {
      rejected.push(read.rejected);
      continue;
    }
    const outcome = compareWithRegister(
      read.member,
      registerMatch(read.member, byNumber, byEmail),
      input.emailOwners.get(read.member.email),
    );
    if (outcome.kind === 'add') add.push(outcome.member);
    else if (outcome.kind === 'update') update.push(outcome);
    else if (outcome.kind === 'unchanged') unchanged.push(stripBody(outcome.member));
    else rejected.push(outcome.rejected);
  }
  return { add, update, unchanged, rejected };
}

function stripBody({ bodyId: _, ...member }: PlacedMember): ImportedMember {
  return member;
}

/**
 * The column that stops a whole file, when no row can be imported and most rows were refused for
 * the same field (the sample Camden register imported into another branch fails 38 of its 40
 * rows on its Branch column, and the other two on their own): one sentence with the fix says
 * more than a table of forty reasons. Null when some row can be imported, or no field dominates.
 */
export function commonFailure(
  plan: Pick<ImportPlan, 'rejected'>,
  rows: number,
): { field: ImportField; rows: number; first: RejectedRow } | null {
  if (rows === 0 || plan.rejected.length !== rows) return null;
  const byField = new Map<ImportField, RejectedRow[]>();
  for (const r of plan.rejected)
    if (r.field) byField.set(r.field, [...(byField.get(r.field) ?? []), r]);
  const [field, refused] = [...byField].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!field || !refused || refused.length * 2 <= rows) return null;
  return { field, rows: refused.length, first: refused[0]! };
}

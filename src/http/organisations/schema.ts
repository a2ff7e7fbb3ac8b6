import { z } from '@hono/zod-openapi';
import { BODY_KINDS } from '../../domain/names.ts';
import { IMPORT_FIELDS, type ColumnMapping } from '../../domain/organisations/member-import.ts';
import { ROLES } from '../../domain/organisations/policy.ts';
import {
  PRESET_NAMES,
  PROXY_VOTE_KINDS,
  standingOrdersSchema,
  type StandingOrders,
} from '../../domain/organisations/standing-orders.ts';
import { action, field, formNumber, formTick, type FormFields } from '../action.ts';

/**
 * What people send about organisations, bodies, members and standing orders: one schema per
 * action, read by the JSON route and the HTML form alike (src/http/action.ts).
 */

export const SECRET_QUESTIONS = ['elections', 'no-confidence', 'discipline'] as const;

/** The standing orders form's field for each part of the rules, where the two differ. */
const RULES_FIELDS: Record<string, string> = {
  'quorum.kind': 'quorumKind',
  'quorum.members': 'quorumMembers',
  'quorum.of': 'quorumPercent',
  'proxies.maxPerHolder': 'proxiesMax',
  'proxies.deadlineHours': 'proxiesDeadlineHours',
};

/** Replacing a body's standing orders, every rule given. */
export const EditStandingOrders = action('StandingOrders', standingOrdersSchema, {
  fromForm: (f: FormFields) => {
    const n = (name: string) => formNumber(field(f, name));
    return {
      quorum:
        field(f, 'quorumKind') === 'fraction'
          ? { kind: 'fraction', of: n('quorumPercent') / 100 }
          : { kind: 'count', members: n('quorumMembers') },
      noticeDays: n('noticeDays'),
      emergencyMeetings: formTick(field(f, 'emergencyMeetings')),
      motionDeadlineDays: n('motionDeadlineDays'),
      whoMayMove: field(f, 'whoMayMove'),
      defaultThreshold: field(f, 'defaultThreshold'),
      tieRule: field(f, 'tieRule'),
      amendmentDepth: n('amendmentDepth'),
      amendmentOrder: field(f, 'amendmentOrder'),
      secretQuestions: SECRET_QUESTIONS.filter((q) => formTick(field(f, `secret.${q}`))),
      // A form sent without the proxy fields (from before they existed) leaves them to the default.
      proxies:
        field(f, 'proxiesMax') === undefined
          ? undefined
          : {
              allowed: formTick(field(f, 'proxiesAllowed')),
              maxPerHolder: n('proxiesMax'),
              kinds: PROXY_VOTE_KINDS.filter((k) => formTick(field(f, `proxyKind.${k}`))),
              deadlineHours: n('proxiesDeadlineHours'),
              countToQuorum: formTick(field(f, 'proxiesToQuorum')),
            },
    };
  },
  fieldOf: (path) => RULES_FIELDS[path] ?? path.split('.')[0]!,
  refusal: 'These standing orders are not valid.',
});

/** The standing orders as the form shows them (a fraction quorum as a percentage). */
export function rulesAsForm(r: StandingOrders): Record<string, string> {
  return {
    quorumKind: r.quorum.kind,
    quorumMembers: r.quorum.kind === 'count' ? String(r.quorum.members) : '',
    quorumPercent: r.quorum.kind === 'fraction' ? String(Math.round(r.quorum.of * 1000) / 10) : '',
    noticeDays: String(r.noticeDays),
    emergencyMeetings: r.emergencyMeetings ? '1' : '0',
    motionDeadlineDays: String(r.motionDeadlineDays),
    whoMayMove: r.whoMayMove,
    defaultThreshold: r.defaultThreshold,
    tieRule: r.tieRule,
    amendmentDepth: String(r.amendmentDepth),
    amendmentOrder: r.amendmentOrder,
    ...Object.fromEntries(
      SECRET_QUESTIONS.map((q) => [`secret.${q}`, r.secretQuestions.includes(q) ? '1' : '0']),
    ),
    proxiesAllowed: r.proxies.allowed ? '1' : '0',
    proxiesMax: String(r.proxies.maxPerHolder),
    proxiesDeadlineHours: String(r.proxies.deadlineHours),
    proxiesToQuorum: r.proxies.countToQuorum ? '1' : '0',
    ...Object.fromEntries(
      PROXY_VOTE_KINDS.map((k) => [`proxyKind.${k}`, r.proxies.kinds.includes(k) ? '1' : '0']),
    ),
  };
}

/** Resetting a body's standing orders to a preset as shipped. */
export const ResetStandingOrders = action(
  'StandingOrdersReset',
  z.object({ preset: z.enum(PRESET_NAMES) }),
  { refusal: 'Choose a preset to reset to.' },
);

const Name = z.string().max(200);
const Preset = z.enum(PRESET_NAMES as [string, ...string[]]);
/** A text field as sent, or empty when it was left out (the use case judges a blank one). */
const text = (f: FormFields, name: string) => field(f, name) ?? '';

/** Setting up an organisation with its top body (site administrators). */
export const CreateOrganisation = action(
  'NewOrganisation',
  z.object({
    name: Name,
    topBodyName: Name,
    preset: Preset.default('citrine'),
    slug: z.string().max(60).optional(),
  }),
  {
    fromForm: (f) => ({
      name: text(f, 'name'),
      topBodyName: text(f, 'topBodyName'),
      preset: field(f, 'preset'),
    }),
  },
);

/** Adding a body (region, branch, committee) below another. */
export const CreateBody = action(
  'NewBody',
  z.object({ name: Name, kind: z.enum(BODY_KINDS), preset: Preset.optional() }),
  { fromForm: (f) => ({ name: text(f, 'name'), kind: text(f, 'kind') }) },
);

/** Giving or taking away a role in a body; the person named by id or by their email. */
export const AssignRole = action(
  'RoleAssignment',
  z.object({
    personId: z.string().max(64).optional(),
    email: z.string().max(320).optional(),
    role: z.enum(ROLES),
    holds: z.boolean(),
  }),
  {
    fromForm: (f) => ({
      personId: field(f, 'personId') || undefined,
      email: field(f, 'email') || undefined,
      role: text(f, 'role'),
      holds: field(f, 'holds') !== 'false',
    }),
    refusal: 'Choose a role: secretary, chair, scrutineer or admin.',
  },
);

/** Inviting members to sign up: all without an account, or those listed (the form sends none). */
export const InviteMembers = action(
  'Invitations',
  z.object({ personIds: z.array(z.string().max(64)).max(100_000).optional() }),
  { fromForm: () => ({}) },
);

export const MappingSchema = z
  .object({
    name: z.string().max(200),
    firstName: z.string().max(200),
    lastName: z.string().max(200),
    email: z.string().max(200),
    memberNumber: z.string().max(200),
    branch: z.string().max(200),
    joined: z.string().max(200),
    status: z.string().max(200),
  })
  .partial()
  .strict()
  .openapi('ColumnMapping', {
    description: 'Which CSV column holds each field; guessed from the headings when omitted.',
  });

/**
 * The column mapping chosen on the form, one `map.<field>` select per field (an empty choice is
 * "not in the file"); undefined when the form had no selects, so that it is guessed.
 */
export function mappingFromForm(f: FormFields): ColumnMapping | undefined {
  const given = IMPORT_FIELDS.filter((name) => field(f, `map.${name}`) !== undefined);
  if (!given.length) return undefined;
  return Object.fromEntries(
    given.flatMap((name) => (field(f, `map.${name}`) ? [[name, field(f, `map.${name}`)]] : [])),
  );
}

/**
 * Importing members from CSV; a dry run (the default) reports without saving. The form sends the
 * file (read into `csv` before validating), the mapping's selects and which button was pressed.
 */
export const ImportMembers = action(
  'MemberImport',
  z.object({
    csv: z.string().min(1).max(50_000_000),
    mapping: MappingSchema.optional(),
    dryRun: z.boolean().default(true),
  }),
  {
    fromForm: (f) => ({
      csv: text(f, 'csv').trim() ? text(f, 'csv') : '',
      mapping: mappingFromForm(f),
      dryRun: field(f, 'step') !== 'import',
    }),
    refusal: 'Choose a CSV file to import; the one sent was empty or too large.',
  },
);

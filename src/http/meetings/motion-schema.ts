import { z } from '@hono/zod-openapi';
import type { MinutesDocument as Minutes } from '../../domain/meetings/minutes.ts';
import { action, field, NoFields, type FormFields } from '../action.ts';
import { MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import { MotionTextInput, SecretKindInput, type ClauseInput } from './schema.ts';

/**
 * What people send about motions (drafting, editing, seconding) and minutes: one action each,
 * read by the JSON route and the HTML form alike (src/http/action.ts). The pieces they are built
 * from, and the meeting and console actions, are in schema.ts.
 */

/** The numbers `pattern` captures among a form's field names, in order (`clauses.3.kind` → 3). */
function indices(fields: FormFields, pattern: RegExp): number[] {
  const found = Object.keys(fields).flatMap((name) => {
    const m = pattern.exec(name);
    return m ? [Number(m[1])] : [];
  });
  return [...new Set(found)].sort((a, b) => a - b);
}

/** Drafting a motion (I am its proposer); the form starts it with one empty clause. */
export const DraftMotion = action(
  'MotionDraft',
  MotionTextInput.extend({ meetingId: z.string().max(64).optional(), secretKind: SecretKindInput }),
  {
    fromForm: (f) => ({
      title: field(f, 'title') ?? '',
      meetingId: field(f, 'meetingId') || undefined,
      clauses: [{ kind: 'notes', text: '' }],
    }),
  },
);

/** One clause as the motion editor sends it: `clauses.<n>.kind`, `clauses.<n>.text`, ... */
type ClauseFields = z.infer<typeof ClauseInput>;

/**
 * The editor's buttons that rearrange clauses before the text is saved: `add` a clause at the
 * end, `remove:<n>`, `up:<n>`, `down:<n>` (n is the clause's 0-based place on the form).
 */
function rearranged(clauses: ClauseFields[], op: string): ClauseFields[] {
  const [verb, arg] = op.split(':');
  const i = Number(arg);
  const out = [...clauses];
  if (verb === 'add') out.push({ kind: 'resolves', text: '' });
  if (verb === 'remove' && out[i]) out.splice(i, 1);
  if ((verb === 'up' && i > 0) || (verb === 'down' && i < out.length - 1)) {
    const j = verb === 'up' ? i - 1 : i + 1;
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The motion editor's flat fields in the shape of `EditMotion`, its clauses as rearranged. */
export function motionFromForm(f: FormFields) {
  const clauses = indices(f, /^clauses\.(\d+)\.kind$/).map((i) => {
    const value = (name: string) => field(f, `clauses.${i}.${name}`);
    return {
      id: value('id') || undefined,
      kind: value('kind') as ClauseFields['kind'],
      text: value('text') ?? '',
      bodyId: value('bodyId') || undefined,
      bodyName: value('bodyName') || undefined,
      officer: value('officer') || undefined,
    };
  });
  const op = field(f, 'op') ?? 'save';
  const secretKind = field(f, 'secretKind');
  const lookup = /^lookup:(\d+)$/.exec(op);
  return {
    title: field(f, 'title') ?? '',
    clauses: rearranged(clauses, op),
    ...(secretKind === undefined ? {} : { secretKind: secretKind || null }),
    submit: op === 'submit',
    ...(lookup ? { lookup: Number(lookup[1]) } : {}),
  };
}

/**
 * Changing the text of my draft; `submit` sends it in once saved (the editor's Submit button);
 * `lookup` looks up a clause's body elsewhere first (the clause's Look up button).
 * Problems are at the form's own field names (`clauses.2.text`), as the editor shows them.
 */
export const EditMotion = action(
  'MotionEdit',
  MotionTextInput.extend({
    secretKind: SecretKindInput,
    submit: z
      .boolean()
      .optional()
      .openapi({ description: 'Submit the motion once its text is saved.' }),
    lookup: z.number().int().min(0).max(MOTION_LIMITS.clauses).optional().openapi({
      description:
        "Look up the body elsewhere that clause n (0-based) names by handle or URL before saving (the editor's Look up button); see POST /motions/{id}/remote-body",
    }),
  }),
  { fromForm: motionFromForm },
);

/** Looking up a body on another server by handle (`@nec@party.example`) or by its URL. */
export const LookUpRemoteBody = action(
  'RemoteBodyLookup',
  z.object({ address: z.string().min(1).max(MOTION_LIMITS.addresseeName) }),
);

/** Seconding a draft motion before it is submitted. */
export const SecondMotion = action('MotionSecond', NoFields);

export const MinutesDocument = z
  .object({
    title: z.string().max(500),
    sections: z
      .array(
        z.object({
          heading: z.string().max(300),
          items: z
            .array(
              z.object({ kind: z.enum(['record', 'resolution']), text: z.string().max(20_000) }),
            )
            .max(500),
        }),
      )
      .max(200),
  })
  .openapi('MinutesDocument');

/** The minutes as the editing form shows them: `title`, `s.<i>.heading`, `s.<i>.items.<j>.text`. */
export function minutesAsForm(document: Minutes): Record<string, string> {
  return Object.fromEntries([
    ['title', document.title],
    ...document.sections.flatMap((s, i) => [
      [`s.${i}.heading`, s.heading],
      ...s.items.flatMap((item, j) => [
        [`s.${i}.items.${j}.kind`, item.kind],
        [`s.${i}.items.${j}.text`, item.text],
      ]),
    ]),
  ]);
}

/** The minutes form in the shape of `EditMinutes`: each section's items, then its new one. */
function minutesFromForm(f: FormFields) {
  const sections = indices(f, /^s\.(\d+)\.heading$/).map((i) => {
    const items = indices(f, new RegExp(`^s\\.${i}\\.items\\.(\\d+)\\.text$`)).map((j) => ({
      kind: field(f, `s.${i}.items.${j}.kind`),
      text: field(f, `s.${i}.items.${j}.text`),
    }));
    const added = field(f, `s.${i}.new`) ?? '';
    return {
      heading: field(f, `s.${i}.heading`),
      items: added.trim() ? [...items, { kind: 'record', text: added }] : items,
    };
  });
  return { document: { title: field(f, 'title'), sections } };
}

/** Editing the draft minutes, the whole document given. */
export const EditMinutes = action('MinutesEdit', z.object({ document: MinutesDocument }), {
  fromForm: minutesFromForm,
  fieldOf: (path) => path.replace(/^document\.sections\./, 's.').replace(/^document\./, ''),
});

/** Drafting the minutes again from what happened, replacing the secretary's edits. */
export const RedraftMinutes = action('MinutesRedraft', NoFields);

/** Approving the minutes as a correct record, at a later meeting in session. */
export const ApproveMinutes = action(
  'MinutesApproval',
  z.object({ atMeetingId: z.string().max(64) }),
);

/** Recording a correction to approved minutes, decided at a later meeting in session. */
export const CorrectMinutes = action(
  'MinutesCorrection',
  z.object({ atMeetingId: z.string().max(64), text: z.string().max(5000) }),
);

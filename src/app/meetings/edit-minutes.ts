import { DomainError, invalid } from '../../domain/errors.ts';
import { editMinutes as edit, type MinutesDocument } from '../../domain/meetings/minutes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMinutes, updateMinutes } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { minutesOf } from './draft-minutes.ts';
import { auditMeeting } from './meeting-support.ts';
import { stepAtMeeting } from './meeting-step.ts';

const LIMITS = { title: 500, heading: 300, text: 20_000, sections: 200, items: 500 };

function documentProblems(doc: MinutesDocument) {
  const problems: { path: string; message: string }[] = [];
  if (!doc.title.trim() || doc.title.length > LIMITS.title)
    problems.push({ path: 'title', message: 'Give the minutes a title (up to 500 characters).' });
  if (doc.sections.length > LIMITS.sections)
    problems.push({ path: 'sections', message: 'Too many sections.' });
  doc.sections.forEach((s, i) => {
    if (!s.heading.trim() || s.heading.length > LIMITS.heading)
      problems.push({ path: `sections.${i}.heading`, message: 'Give the section a heading.' });
    if (s.items.length > LIMITS.items)
      problems.push({ path: `sections.${i}.items`, message: 'Too many items.' });
    s.items.forEach((item, j) => {
      if (item.text.length > LIMITS.text)
        problems.push({
          path: `sections.${i}.items.${j}.text`,
          message: `An item may be at most ${LIMITS.text} characters.`,
        });
    });
  });
  return problems;
}

/** The secretary edits the draft minutes (secretary, chair, admin). MINUTES_LOCKED once approved. */
export async function editMinutes(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; document: MinutesDocument },
) {
  const document: MinutesDocument = {
    title: props.document.title.trim(),
    sections: props.document.sections.map((s) => ({
      heading: s.heading.trim(),
      items: s.items
        .map((i) => ({ kind: i.kind, text: i.text.trim() }))
        .filter((i) => i.text !== ''),
    })),
  };
  const problems = documentProblems(document);
  if (problems.length) throw invalid('The minutes are not complete.', problems);
  await stepAtMeeting(
    ctx,
    { ...props, may: 'body.runMeetings' },
    async (trx, scope) => {
      const row = await findMinutes(trx, scope.meeting.id);
      if (!row) throw new DomainError('NOT_FOUND', 'This meeting has no minutes yet.');
      const minutes = edit(minutesOf(row), document);
      await updateMinutes(trx, scope.meeting.id, {
        document: JSON.stringify(minutes.document),
        updated_at: scope.at,
      });
      await auditMeeting(trx, ctx, scope, props.actor, 'minutes.edited', {});
    },
    () => ({ type: 'minutes' }),
  );
}

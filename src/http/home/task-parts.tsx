import { TASK_KINDS, type MyTask } from '../../app/home/view-my-tasks.ts';
import { t } from '../../messages/messages.ts';
import { formatInstant } from '../pages/dates.ts';
import { Listing } from '../pages/kit.tsx';

/**
 * "What needs you": the home page's first part (issue 16). One heading per kind that has
 * anything, in TASK_KINDS order, each task a link straight to the page where it is done (the
 * ballot, the meeting, the motion, the inbox item, the model motion's adoption), with its body
 * and what makes it pressing beside it.
 */
export function MyTasks({ tasks }: { tasks: readonly MyTask[] }) {
  if (!tasks.length) return <p>{t('tasks.nothing')}</p>;
  return (
    <>
      {TASK_KINDS.map((kind) => {
        const ofKind = tasks.filter((x) => x.kind === kind);
        if (!ofKind.length) return null;
        const id = `tasks-${kind}`;
        return (
          <section aria-labelledby={id}>
            <h2 id={id}>{t(`tasks.heading.${kind}`)}</h2>
            <Listing items={ofKind} none="" entry={entry} />
          </section>
        );
      })}
    </>
  );
}

/** One task as a link and a note: its body, then what makes it pressing. */
function entry(x: MyTask): { href: string; name: string; note: string } {
  const note = (...parts: string[]) => [x.body.name, ...parts].join(' · ');
  switch (x.kind) {
    case 'ballot':
      return {
        href: x.path,
        name: x.question,
        note: note(
          x.closesAt
            ? t('tasks.closes', { when: formatInstant(x.closesAt, 'dateTime') })
            : t('tasks.noClosingTime'),
        ),
      };
    case 'meeting':
      return {
        href: x.path,
        name: x.title,
        note: note(
          x.status === 'open'
            ? t('tasks.inSession')
            : formatInstant(x.startsAt, 'fullDateTime', x.timeZone),
          t(x.signedIn ? 'tasks.signedIn' : 'tasks.notSignedIn'),
        ),
      };
    case 'motion-to-second':
      return {
        href: x.path,
        name: x.title,
        note: note(
          x.meeting
            ? t('tasks.forMeeting', {
                meeting: x.meeting.title,
                when: formatInstant(x.meeting.startsAt, 'fullDateTime', x.meeting.timeZone),
              })
            : t('tasks.noMeeting'),
        ),
      };
    case 'inbox':
    case 'model-motion':
      return {
        href: x.path,
        name: x.title,
        note: note(t('tasks.from', { from: x.from }), t(`state.communication.${x.status}`)),
      };
    case 'trustee':
      return { href: x.path, name: x.question, note: note(t('tasks.trusteeDue')) };
  }
}

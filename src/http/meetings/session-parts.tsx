import type { MeetingView } from '../../app/meetings/view-meeting.ts';
import { t } from '../../messages/messages.ts';
import { Choice } from '../pages/forms.tsx';

/**
 * Pieces of a meeting shared by its page, the chair's console and the room (room-pages.tsx): the
 * quorum line, the links to the speakers list and the projector, the question before the meeting,
 * and the choice of a person.
 */

export const Quorum = ({ m }: { m: MeetingView }) => (
  <p
    id="quorum"
    role="status"
    class="notice"
    data-live-meeting={m.id}
    data-met={t('quorum.met')}
    data-not-met={t('quorum.notMet')}
    data-line={t('quorum.line', {
      present: '{present}',
      members: m.quorum.members,
      required: '{required}',
    })}
  >
    <strong>{m.quorum.met ? t('quorum.met') : t('quorum.notMet')}</strong>:{' '}
    {t('quorum.line', {
      present: m.quorum.present,
      members: m.quorum.members,
      required: m.quorum.required,
    })}
  </p>
);

/** The speakers list and the projector view of a meeting in session (room-pages.tsx). */
export const RoomLinks = ({ meetingId }: { meetingId: string }) => (
  <>
    {' · '}
    <a href={`/meetings/${meetingId}/speakers`}>{t('speakers.link')}</a>
    {' · '}
    <a href={`/meetings/${meetingId}/projector`}>{t('projector.link')}</a>
  </>
);

/** With JavaScript, the quorum line stays current and the page follows the business. */
export const Live = () => (
  <>
    <p id="moved-on" class="notice" role="status" hidden>
      {t('meeting.movedOn')}
    </p>
    <script src="/assets/meeting-live.js" defer></script>
  </>
);

/** What the meeting is deciding now, in words. */
export const questionWords = (question: NonNullable<MeetingView['current']>['question']) =>
  question.kind === 'amendment'
    ? t('console.questionAmendment', { wording: question.wording })
    : question.substantive
      ? t('console.questionSubstantive')
      : t('console.questionMotion');

/** The meeting is still to be run: not closed, not cancelled. */
export const stillToRun = (m: MeetingView) => m.status !== 'closed' && m.status !== 'cancelled';

/** A choice of a person (present, or on the register). */
export const PersonSelect = (props: {
  name: string;
  label: string;
  people: readonly { personId: string; name: string }[];
  selected?: string | null | undefined;
  id?: string;
  hint?: string | undefined;
  /** A mover or seconder: nobody is chosen for the chair, and `exclude` (the mover) is not listed. */
  choose?: boolean;
  exclude?: readonly (string | null | undefined)[];
}) => (
  <Choice
    name={props.name}
    id={props.id}
    label={props.label}
    hint={props.hint}
    options={props.people
      .filter((p) => !props.exclude?.includes(p.personId))
      .map((p) => [p.personId, p.name] as const)}
    selected={props.selected}
    {...(props.choose ? { choose: t('console.choose') } : {})}
  />
);

import type { MeetingView } from '../../app/meetings/view-meeting.ts';
import type { Mistake } from '../action.ts';
import { t } from '../../messages/messages.ts';

/**
 * Pieces of a meeting shared by its page, the chair's console and the room (room-pages.tsx): the
 * quorum line, the links to the speakers list and the projector, the question before the meeting,
 * and the form controls they are built from.
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
export function PersonSelect(props: {
  name: string;
  label: string;
  people: readonly { personId: string; name: string }[];
  selected?: string | null | undefined;
  id?: string;
}) {
  const id = props.id ?? props.name;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.people.map((p) => (
          <option value={p.personId} selected={p.personId === props.selected}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A checkbox with its label after it; sent as "1" when ticked. */
export function Tick(props: {
  name: string;
  label: string;
  id?: string;
  checked?: boolean;
  mistake?: Mistake | undefined;
}) {
  const id = props.id ?? props.name;
  const checked = props.mistake ? props.mistake.value(props.name) === '1' : props.checked;
  return (
    <div class="field">
      <input type="checkbox" id={id} name={props.name} value="1" checked={checked} />{' '}
      <label for={id} class="inline">
        {props.label}
      </label>
    </div>
  );
}

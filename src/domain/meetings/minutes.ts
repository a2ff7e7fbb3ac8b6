import { DomainError } from '../errors.ts';
import type { MotionText } from './motion-text.ts';
import { renderMotionText } from './motion-text.ts';
import { describeResult } from './thresholds.ts';
import type { QuestionResult } from './thresholds.ts';

/**
 * Minutes: the record of what a meeting decided and how (Citrine, *ABC of Chairmanship*, on
 * minutes: a record of decisions, not of speeches; RONR 12th ed. §48: what was done, not what
 * was said; each motion with the name of its mover, and the result).
 *
 * The draft is generated from the meeting's events (every motion and amendment as put, mover
 * and seconder, the numbers, the rule applied, rulings, procedural motions); the secretary may
 * then edit it. At the next meeting it is approved as a correct record (RONR §48: approval of
 * the minutes) and locked; after that it changes only by a recorded correction, itself decided
 * by a meeting, shown beneath the minutes it corrects.
 *
 * Names in the events are display names, resolved by the caller: the minutes are text.
 */

export type VoteTaken =
  'show-of-hands' | 'roll-call' | 'card' | 'secret-ballot' | 'online-open' | 'online-secret';

const VOTE_WORDS: Record<VoteTaken, string> = {
  'show-of-hands': 'show of hands',
  'roll-call': 'roll call',
  card: 'card vote',
  'secret-ballot': 'secret ballot of the members present',
  'online-open': 'online vote',
  'online-secret': 'secret ballot',
};

/** What happened at the meeting, in order. `ref`s tie events about one motion or amendment. */
export type MeetingEvent =
  | {
      readonly type: 'opened';
      readonly at: string;
      readonly chair: string;
      readonly present: number;
      readonly members: number;
      readonly quorum: number;
    }
  | { readonly type: 'apologies'; readonly names: readonly string[] }
  | { readonly type: 'agenda-item'; readonly title: string }
  | {
      readonly type: 'motion-moved';
      readonly ref: string;
      readonly title: string;
      readonly proposer: string;
      /** Who moved it, if not the proposer. */
      readonly mover?: string;
      readonly text?: MotionText;
    }
  | { readonly type: 'motion-seconded'; readonly ref: string; readonly seconder: string }
  | {
      readonly type: 'amendment-moved';
      readonly ref: string;
      /** The amendment read out (amendments.ts describeAmendment). */
      readonly description: string;
      readonly mover: string;
      /** Set for an amendment to an amendment. */
      readonly amends?: string;
    }
  | { readonly type: 'amendment-seconded'; readonly ref: string; readonly seconder: string }
  | {
      readonly type: 'question-put';
      readonly ref: string;
      readonly vote: VoteTaken;
      /** On a motion: whether it is the substantive motion (amended). */
      readonly substantive?: boolean;
    }
  | {
      readonly type: 'result';
      readonly ref: string;
      readonly result: QuestionResult;
      /** For a carried motion: its text as carried (the substantive motion), to record. */
      readonly resolution?: MotionText;
    }
  | {
      readonly type: 'closed-without-vote';
      readonly ref: string;
      readonly status: 'fell' | 'withdrawn' | 'next-business' | 'referred' | 'remitted';
      readonly to?: string;
    }
  | {
      readonly type: 'procedural';
      /** The motion in words ("That the question be now put"). */
      readonly motion: string;
      readonly mover: string;
      readonly seconder?: string;
      readonly result: QuestionResult;
    }
  | {
      readonly type: 'ruling';
      readonly text: string;
      /** When the ruling was challenged: the result of the challenge. */
      readonly challenge?: QuestionResult;
    }
  | { readonly type: 'attendance'; readonly at: string; readonly present: number }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'closed'; readonly at: string };

export interface MinutesItem {
  /** `resolution`: a carried motion's text, shown set apart. */
  readonly kind: 'record' | 'resolution';
  readonly text: string;
}

export interface MinutesSection {
  readonly heading: string;
  readonly items: readonly MinutesItem[];
}

export interface MinutesDocument {
  readonly title: string;
  readonly sections: readonly MinutesSection[];
}

export interface MeetingHeading {
  /** "Camden Town Group" */
  readonly bodyName: string;
  /** "July general meeting" */
  readonly title: string;
  readonly startsAt: string;
  readonly place?: string;
}

/** Formats times and dates for the minutes in the meeting's time zone (IANA name). */
function clock(timeZone: string) {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return {
    time: (iso: string) => time.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(iso)),
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const listNames = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

const CLOSED_WORDS = {
  fell: 'fell for want of a seconder',
  withdrawn: 'was withdrawn with the consent of the meeting',
  'next-business': 'was not voted on: the meeting moved to next business',
  referred: 'was referred',
  remitted: 'was remitted',
} as const;

/**
 * The draft minutes of a meeting, generated from its events. Pure: the same events always give
 * the same document.
 */
export function draftMinutes(props: {
  meeting: MeetingHeading;
  events: readonly MeetingEvent[];
  /** IANA time zone for the times shown; default UTC. */
  timeZone?: string;
}): MinutesDocument {
  const { meeting, events } = props;
  const { time, date } = clock(props.timeZone ?? 'UTC');
  const sections: { heading: string; items: MinutesItem[] }[] = [{ heading: 'Opening', items: [] }];
  const current = () => sections[sections.length - 1]!;
  const add = (text: string, kind: MinutesItem['kind'] = 'record') => {
    const item = { kind, text };
    current().items.push(item);
    return item;
  };
  /** What each ref is: its noun ("the motion “Housing”", "the amendment") and its item. */
  const refs = new Map<string, { noun: string; item: { text: string } }>();

  for (const e of events) {
    switch (e.type) {
      case 'opened':
        add(
          `The meeting opened at ${time(e.at)}, ${e.chair} in the chair, with ${e.present} of ` +
            `${e.members} members present; the quorum is ${e.quorum}.`,
        );
        break;
      case 'apologies':
        if (e.names.length > 0) add(`Apologies were received from ${listNames(e.names)}.`);
        break;
      case 'agenda-item':
        sections.push({ heading: e.title, items: [] });
        break;
      case 'attendance':
        add(`At ${time(e.at)}, ${e.present} members were present.`);
        break;
      case 'motion-moved': {
        const noun = `the motion “${e.title}”`;
        const by =
          e.mover && e.mover !== e.proposer ? `${e.mover}, for ${e.proposer},` : e.proposer;
        const item = add(`${by} moved ${noun}.`);
        refs.set(e.ref, { noun, item });
        if (e.text) add(renderMotionText(e.text));
        break;
      }
      case 'amendment-moved': {
        const parent = e.amends ? refs.get(e.amends) : undefined;
        const noun = parent ? `the amendment to ${parent.noun}` : 'the amendment';
        const item = add(
          `${e.mover} moved an amendment${parent ? ` to ${parent.noun}` : ''}: ${lowerFirst(e.description)}.`,
        );
        refs.set(e.ref, { noun, item });
        break;
      }
      case 'motion-seconded':
      case 'amendment-seconded': {
        const known = refs.get(e.ref);
        if (known) known.item.text = known.item.text.replace(/\.$/, `, seconded by ${e.seconder}.`);
        else add(`${e.seconder} seconded.`);
        break;
      }
      case 'question-put': {
        const noun = refs.get(e.ref)?.noun ?? 'the question';
        const what = e.substantive ? `${noun}, as amended (the substantive motion)` : noun;
        add(`The question was put on ${what}, by ${VOTE_WORDS[e.vote]}.`);
        break;
      }
      case 'result': {
        const noun = refs.get(e.ref)?.noun ?? 'The question';
        add(`${sentenceCase(noun)} was ${describeResult(e.result)}.`);
        if (e.resolution && e.result.outcome === 'carried') {
          add(`Resolved:\n${renderMotionText(e.resolution)}`, 'resolution');
        }
        break;
      }
      case 'closed-without-vote': {
        const noun = refs.get(e.ref)?.noun ?? 'the motion';
        const to =
          e.to && (e.status === 'referred' || e.status === 'remitted') ? ` to ${e.to}` : '';
        add(`${sentenceCase(noun)} ${CLOSED_WORDS[e.status]}${to}.`);
        break;
      }
      case 'procedural': {
        const seconded = e.seconder ? `, seconded by ${e.seconder}` : '';
        add(
          `${e.mover} moved the procedural motion “${e.motion}”${seconded}. ` +
            `It was ${describeResult(e.result)}.`,
        );
        break;
      }
      case 'ruling':
        add(
          `The chair ruled: ${e.text}` +
            (e.challenge
              ? ` The ruling was challenged; the motion to disagree with the ruling was ${describeResult(e.challenge)}.`
              : ''),
        );
        break;
      case 'note':
        add(e.text);
        break;
      case 'closed':
        sections.push({ heading: 'Close', items: [] });
        add(`The meeting closed at ${time(e.at)}.`);
        break;
    }
  }

  const place = meeting.place ? `, ${meeting.place}` : '';
  return {
    title: `${meeting.bodyName}: minutes of the ${meeting.title}, ${date(meeting.startsAt)}${place}`,
    sections: sections.filter((s) => s.items.length > 0),
  };
}

/** A correction to approved minutes, as a later meeting decided it. */
export interface MinutesCorrection {
  readonly at: string;
  /** The meeting that decided it. */
  readonly meetingRef: string;
  readonly text: string;
  readonly result?: QuestionResult;
}

/** Minutes with their state: a draft the secretary edits, then approved and locked. */
export interface Minutes {
  readonly status: 'draft' | 'approved';
  readonly document: MinutesDocument;
  readonly approvedAt: string | null;
  /** The meeting that approved them as a correct record. */
  readonly approvedAtMeeting: string | null;
  readonly corrections: readonly MinutesCorrection[];
}

export const newMinutes = (document: MinutesDocument): Minutes => ({
  status: 'draft',
  document,
  approvedAt: null,
  approvedAtMeeting: null,
  corrections: [],
});

const locked = () =>
  new DomainError(
    'MINUTES_LOCKED',
    'These minutes were approved as a correct record; they change only by a recorded correction.',
  );

/** The secretary's edit of the draft. @throws MINUTES_LOCKED once approved. */
export function editMinutes(minutes: Minutes, document: MinutesDocument): Minutes {
  if (minutes.status !== 'draft') throw locked();
  return { ...minutes, document };
}

/** Approved as a correct record at a later meeting; locked from then on. */
export function approveMinutes(
  minutes: Minutes,
  props: { at: string; meetingRef: string },
): Minutes {
  if (minutes.status !== 'draft') throw locked();
  return {
    ...minutes,
    status: 'approved',
    approvedAt: props.at,
    approvedAtMeeting: props.meetingRef,
  };
}

/**
 * A correction of approved minutes, recorded with the meeting that decided it; the approved text
 * itself is never changed.
 * @throws ILLEGAL_TRANSITION for a draft (edit it instead).
 */
export function correctMinutes(minutes: Minutes, correction: MinutesCorrection): Minutes {
  if (minutes.status !== 'approved') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      'Draft minutes are edited, not corrected (state draft, event correct).',
    );
  }
  return { ...minutes, corrections: [...minutes.corrections, correction] };
}

/** The minutes as plain text: title, numbered sections and items, approval and corrections. */
export function renderMinutesText(minutes: MinutesDocument | Minutes): string {
  const doc = 'document' in minutes ? minutes.document : minutes;
  const lines = [doc.title, '='.repeat(Math.min(doc.title.length, 100))];
  if ('document' in minutes) {
    lines.push(
      minutes.status === 'draft'
        ? 'DRAFT: not yet approved as a correct record.'
        : `Approved as a correct record on ${minutes.approvedAt?.slice(0, 10)} (${minutes.approvedAtMeeting}).`,
    );
  }
  return [...lines, minutesBodyText(minutes)].join('\n');
}

/**
 * The record itself, its sections and corrections, without the title and approval above them:
 * for where those are shown apart (a feed entry, a PDF with its own heading and approval line).
 */
export function minutesBodyText(minutes: MinutesDocument | Minutes): string {
  const doc = 'document' in minutes ? minutes.document : minutes;
  const lines: string[] = [];
  doc.sections.forEach((section, i) => {
    lines.push('', `${i + 1}. ${section.heading}`);
    section.items.forEach((item, j) => {
      const text = item.kind === 'resolution' ? indent(item.text) : item.text;
      lines.push(`${i + 1}.${j + 1} ${text}`);
    });
  });
  if ('document' in minutes && minutes.corrections.length > 0) {
    lines.push('', 'Corrections');
    minutes.corrections.forEach((c, i) => {
      const how = c.result ? ` (${describeResult(c.result)})` : '';
      lines.push(`${i + 1}. ${c.at.slice(0, 10)}, ${c.meetingRef}: ${c.text}${how}`);
    });
  }
  return lines.join('\n');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : `    ${line}`))
    .join('\n');

import { DomainError } from '../errors.ts';
import type { MotionText } from './motion-text.ts';
import { wordAmendment, type AmendmentWording } from './amendments.ts';
import { ENGLISH_CLAUSE_VERBS, renderMotionText } from './motion-text.ts';
import { describeResult } from './thresholds.ts';
import { englishMinutes, type MinutesWords } from './minutes-words.ts';
import type { QuestionResult } from './thresholds.ts';
import type { ProceduralKind } from './procedural.ts';

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
      /** The same as data, to be worded in the minutes' language (events before it have none). */
      readonly wording?: AmendmentWording;
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
      /** Which procedural motion, so it is worded in the minutes' language (since issue 15). */
      readonly kind?: ProceduralKind;
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
function clock(timeZone: string, region: string) {
  const time = new Intl.DateTimeFormat(region, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const date = new Intl.DateTimeFormat(region, {
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
/**
 * The draft minutes of a meeting, generated from its events. Pure: the same events always give
 * the same document.
 */
export function draftMinutes(props: {
  meeting: MeetingHeading;
  events: readonly MeetingEvent[];
  /** IANA time zone for the times shown; default UTC. */
  timeZone?: string;
  /** The language they are drafted in; English by default. */
  words?: MinutesWords;
}): MinutesDocument {
  const { meeting, events } = props;
  const words = props.words ?? englishMinutes;
  const { say } = words;
  const { time, date } = clock(props.timeZone ?? 'UTC', words.region);
  const verbs = words.amendment?.verbs ?? ENGLISH_CLAUSE_VERBS;
  const motionText = (text: MotionText) =>
    renderMotionText(text, { opening: say('thisMeeting'), verbs });
  const listNames = (names: readonly string[]) =>
    new Intl.ListFormat(words.region, { type: 'conjunction' }).format(names);
  const sections: { heading: string; items: MinutesItem[] }[] = [
    { heading: say('opening'), items: [] },
  ];
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
        add(say('opened', { ...e, time: time(e.at) }));
        break;
      case 'apologies':
        if (e.names.length > 0) add(say('apologies', { names: listNames(e.names) }));
        break;
      case 'agenda-item':
        sections.push({ heading: e.title, items: [] });
        break;
      case 'attendance':
        add(say('attendance', { time: time(e.at), present: e.present }));
        break;
      case 'motion-moved': {
        const noun = say('motionNoun', { title: e.title });
        const by =
          e.mover && e.mover !== e.proposer
            ? say('moverFor', { mover: e.mover, proposer: e.proposer })
            : e.proposer;
        const item = add(say('moved', { by, noun }));
        refs.set(e.ref, { noun, item });
        if (e.text) add(motionText(e.text));
        break;
      }
      case 'amendment-moved': {
        const parent = e.amends ? refs.get(e.amends) : undefined;
        const noun = parent
          ? say('amendmentNounTo', { parent: parent.noun })
          : say('amendmentNoun');
        const description = lowerFirst(
          e.wording && words.amendment ? wordAmendment(e.wording, words.amendment) : e.description,
        );
        const item = add(
          parent
            ? say('amendmentMovedTo', { mover: e.mover, parent: parent.noun, description })
            : say('amendmentMoved', { mover: e.mover, description }),
        );
        refs.set(e.ref, { noun, item });
        break;
      }
      case 'motion-seconded':
      case 'amendment-seconded': {
        const known = refs.get(e.ref);
        const by = say('secondedBy', { seconder: e.seconder });
        if (known) known.item.text = known.item.text.replace(/\.$/, () => `${by}.`);
        else add(say('seconded', { seconder: e.seconder }));
        break;
      }
      case 'question-put': {
        const noun = refs.get(e.ref)?.noun ?? say('questionNoun');
        const what = e.substantive ? say('substantive', { noun }) : noun;
        add(say('questionPut', { what, vote: say(`vote.${e.vote}`) }));
        break;
      }
      case 'result': {
        const noun = refs.get(e.ref)?.noun ?? say('questionNoun');
        add(say('result', { noun: sentenceCase(noun), result: words.result(e.result) }));
        if (e.resolution && e.result.outcome === 'carried') {
          add(say('resolved', { text: motionText(e.resolution) }), 'resolution');
        }
        break;
      }
      case 'closed-without-vote': {
        const noun = sentenceCase(refs.get(e.ref)?.noun ?? say('theMotion'));
        add(
          e.to && (e.status === 'referred' || e.status === 'remitted')
            ? say(`closed.${e.status}To`, { noun, to: e.to })
            : say(`closed.${e.status}`, { noun }),
        );
        break;
      }
      case 'procedural': {
        const seconded = e.seconder ? say('secondedBy', { seconder: e.seconder }) : '';
        add(
          say('procedural', {
            mover: e.mover,
            motion: e.kind && words.procedural ? words.procedural(e.kind) : e.motion,
            seconded,
            result: words.result(e.result),
          }),
        );
        break;
      }
      case 'ruling':
        add(
          e.challenge
            ? say('challenged', {
                ruling: say('ruling', { text: e.text }),
                result: words.result(e.challenge),
              })
            : say('ruling', { text: e.text }),
        );
        break;
      case 'note':
        add(e.text);
        break;
      case 'closed':
        sections.push({ heading: say('close'), items: [] });
        add(say('closed', { time: time(e.at) }));
        break;
    }
  }

  const place = meeting.place ? `, ${meeting.place}` : '';
  return {
    title: say('title', {
      body: meeting.bodyName,
      meeting: meeting.title,
      date: date(meeting.startsAt),
      place,
    }),
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

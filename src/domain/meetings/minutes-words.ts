import type { AmendmentWords } from './amendments.ts';
import type { ProceduralKind } from './procedural.ts';
import { describeResult, type QuestionResult } from './thresholds.ts';

/**
 * The sentences draft minutes are written in (issue 15): the minutes are a document the secretary
 * edits, so they are drafted once, in the language of whoever drafts them; the catalogues hold
 * each language's phrases under `minutes.draft.<phrase>` (src/messages/minutes-words.ts), with
 * the English below as the domain's own default.
 */
export const ENGLISH_MINUTES = {
  opening: 'Opening',
  thisMeeting: 'This meeting:',
  close: 'Close',
  title: '{body}: minutes of the {meeting}, {date}{place}',
  opened:
    'The meeting opened at {time}, {chair} in the chair, with {present} of {members} members present; the quorum is {quorum}.',
  apologies: 'Apologies were received from {names}.',
  attendance: 'At {time}, {present} members were present.',
  motionNoun: 'the motion “{title}”',
  theMotion: 'the motion',
  moverFor: '{mover}, for {proposer},',
  moved: '{by} moved {noun}.',
  amendmentNoun: 'the amendment',
  amendmentNounTo: 'the amendment to {parent}',
  amendmentMoved: '{mover} moved an amendment: {description}.',
  amendmentMovedTo: '{mover} moved an amendment to {parent}: {description}.',
  secondedBy: ', seconded by {seconder}',
  seconded: '{seconder} seconded.',
  questionNoun: 'the question',
  substantive: '{noun}, as amended (the substantive motion)',
  questionPut: 'The question was put on {what}, by {vote}.',
  'vote.show-of-hands': 'show of hands',
  'vote.roll-call': 'roll call',
  'vote.card': 'card vote',
  'vote.secret-ballot': 'secret ballot of the members present',
  'vote.online-open': 'online vote',
  'vote.online-secret': 'secret ballot',
  result: '{noun} was {result}.',
  resolved: 'Resolved:\n{text}',
  'closed.fell': '{noun} fell for want of a seconder.',
  'closed.withdrawn': '{noun} was withdrawn with the consent of the meeting.',
  'closed.next-business': '{noun} was not voted on: the meeting moved to next business.',
  'closed.referred': '{noun} was referred.',
  'closed.remitted': '{noun} was remitted.',
  'closed.referredTo': '{noun} was referred to {to}.',
  'closed.remittedTo': '{noun} was remitted to {to}.',
  procedural: '{mover} moved the procedural motion “{motion}”{seconded}. It was {result}.',
  ruling: 'The chair ruled: {text}',
  challenged:
    '{ruling} The ruling was challenged; the motion to disagree with the ruling was {result}.',
  closed: 'The meeting closed at {time}.',
} as const;

export type MinutesPhrase = keyof typeof ENGLISH_MINUTES;

/** How draft minutes are worded: phrases, results, lists and dates, in one language. */
export interface MinutesWords {
  /** A phrase with its `{placeholders}` filled. */
  readonly say: (phrase: MinutesPhrase, vars?: Readonly<Record<string, string | number>>) => string;
  /** A declared result ("carried: simple majority of votes cast, 23–4, 2 abstentions"). */
  readonly result: (result: QuestionResult) => string;
  /** A procedural motion in words; without it, the words it was moved in. */
  readonly procedural?: (kind: ProceduralKind) => string;
  /** How amendments and clause verbs are worded; without it, as they were recorded (English). */
  readonly amendment?: AmendmentWords;
  /** The region whose conventions write dates, times and lists ("en-GB", "fr-FR"). */
  readonly region: string;
}

/** The minutes in English, as Seconded always drafted them. */
export const englishMinutes: MinutesWords = {
  say: (phrase, vars = {}) =>
    ENGLISH_MINUTES[phrase].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')),
  result: describeResult,
  region: 'en-GB',
};

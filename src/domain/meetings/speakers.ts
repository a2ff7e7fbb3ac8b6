import { DomainError, invalid } from '../errors.ts';
import type { MeetingStatus } from './meeting.ts';

/**
 * The speakers list of the item before the meeting. Members ask to speak for or against the
 * motion; the chair calls them in the order they asked, optionally with a time limit shown as a
 * countdown. A point of order is about procedure, not the motion: it takes no side and goes to
 * the head of the queue (before every speech waiting, after earlier points of order). Calling the
 * next speaker ends the current speech. Pure: times are ISO strings given by the caller.
 */

export type Side = 'for' | 'against';

export interface SpeakerRequest {
  readonly id: string;
  readonly personId: string;
  /** null for a point of order. */
  readonly side: Side | null;
  readonly pointOfOrder: boolean;
  readonly askedAt: string;
  readonly calledAt: string | null;
  readonly timeLimitSeconds: number | null;
  readonly finishedAt: string | null;
  readonly withdrawnAt: string | null;
}

/** Longest time limit a chair may set: an hour. */
export const MAX_TIME_LIMIT_SECONDS = 3600;

const waiting = (r: SpeakerRequest) => !r.calledAt && !r.withdrawnAt;

/** Who waits, in the order they will be called: points of order first, then by time asked. */
export function queueOf(requests: readonly SpeakerRequest[]): SpeakerRequest[] {
  return requests
    .filter(waiting)
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        Number(b.r.pointOfOrder) - Number(a.r.pointOfOrder) ||
        a.r.askedAt.localeCompare(b.r.askedAt) ||
        a.i - b.i,
    )
    .map(({ r }) => r);
}

/** Who has the floor now, if anyone. */
export const speakingNow = (requests: readonly SpeakerRequest[]) =>
  requests.find((r) => r.calledAt && !r.finishedAt) ?? null;

/** Those who have spoken, in the order they were called. */
export const spoken = (requests: readonly SpeakerRequest[]) =>
  requests
    .filter((r) => r.calledAt && r.finishedAt)
    .sort((a, b) => a.calledAt!.localeCompare(b.calledAt!));

/**
 * A member present asks to speak.
 * @throws DomainError ILLEGAL_TRANSITION (the meeting is not open), NOT_PRESENT (not signed in),
 *   VALIDATION_FAILED (a speech with no side), ALREADY_ON_SPEAKERS_LIST (already waiting for the
 *   same: a speech, or a point of order).
 */
export function askToSpeak(
  requests: readonly SpeakerRequest[],
  props: {
    id: string;
    personId: string;
    side: Side | null;
    pointOfOrder: boolean;
    at: string;
    meetingStatus: MeetingStatus;
    present: boolean;
  },
): SpeakerRequest {
  if (props.meetingStatus !== 'open')
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `The meeting is ${props.meetingStatus}: members ask to speak while it is open.`,
    );
  if (!props.present)
    throw new DomainError('NOT_PRESENT', 'Sign in to the meeting before asking to speak.');
  if (!props.pointOfOrder && props.side !== 'for' && props.side !== 'against')
    throw invalid('Say whether you wish to speak for or against.', [
      { path: 'side', message: 'Choose for or against.' },
    ]);
  if (
    requests.some(
      (r) => waiting(r) && r.personId === props.personId && r.pointOfOrder === props.pointOfOrder,
    )
  )
    throw new DomainError(
      'ALREADY_ON_SPEAKERS_LIST',
      props.pointOfOrder
        ? 'Your point of order is already waiting.'
        : 'You are already on the speakers list.',
    );
  return {
    id: props.id,
    personId: props.personId,
    side: props.pointOfOrder ? null : props.side,
    pointOfOrder: props.pointOfOrder,
    askedAt: props.at,
    calledAt: null,
    timeLimitSeconds: null,
    finishedAt: null,
    withdrawnAt: null,
  };
}

export function assertTimeLimit(seconds: number | null) {
  if (
    seconds !== null &&
    (!Number.isInteger(seconds) || seconds < 10 || seconds > MAX_TIME_LIMIT_SECONDS)
  )
    throw invalid('A time limit is a whole number of seconds from 10 to 3600.', [
      { path: 'timeLimitSeconds', message: 'From 10 seconds to an hour.' },
    ]);
}

/**
 * The chair calls the next in the queue, ending the speech in progress.
 * @returns the requests that change: the speech ended (if any) and the one called.
 * @throws DomainError NO_ONE_WAITING, VALIDATION_FAILED (a time limit out of range).
 */
export function callNext(
  requests: readonly SpeakerRequest[],
  props: { at: string; timeLimitSeconds: number | null },
): { ended: SpeakerRequest | null; called: SpeakerRequest } {
  assertTimeLimit(props.timeLimitSeconds);
  const next = queueOf(requests)[0];
  if (!next) throw new DomainError('NO_ONE_WAITING', 'No one is waiting to speak.');
  const current = speakingNow(requests);
  return {
    ended: current ? { ...current, finishedAt: props.at } : null,
    called: { ...next, calledAt: props.at, timeLimitSeconds: props.timeLimitSeconds },
  };
}

/**
 * The chair ends the speech in progress (the speaker sat down, or their time is up).
 * @throws DomainError NO_ONE_SPEAKING.
 */
export function endSpeech(requests: readonly SpeakerRequest[], at: string): SpeakerRequest {
  const current = speakingNow(requests);
  if (!current) throw new DomainError('NO_ONE_SPEAKING', 'No one has the floor.');
  return { ...current, finishedAt: at };
}

/**
 * A member takes their name off the list, or the chair takes it off.
 * @throws DomainError NOT_FOUND (no such request waiting), FORBIDDEN (someone else's, not chair).
 */
export function withdrawRequest(
  requests: readonly SpeakerRequest[],
  props: { id: string; personId: string; isChair: boolean; at: string },
): SpeakerRequest {
  const request = requests.find((r) => r.id === props.id && waiting(r));
  if (!request) throw new DomainError('NOT_FOUND', 'That request to speak is not waiting.');
  if (request.personId !== props.personId && !props.isChair)
    throw new DomainError('FORBIDDEN', 'Only the chair can take someone else off the list.');
  return { ...request, withdrawnAt: props.at };
}

/**
 * Seconds left of a speech with a time limit at `now` (negative: over time); null with no limit
 * or no speech.
 */
export function secondsLeft(request: SpeakerRequest | null, now: string): number | null {
  if (!request?.calledAt || request.timeLimitSeconds === null || request.finishedAt) return null;
  const elapsed = Math.floor((Date.parse(now) - Date.parse(request.calledAt)) / 1000);
  return request.timeLimitSeconds - elapsed;
}

/** "2:05" (or "−0:12" over time), for the countdown shown without script. */
export function formatCountdown(seconds: number): string {
  const s = Math.abs(seconds);
  return `${seconds < 0 ? '−' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * DESIGN.md section 2, steps 2–4, through the domain functions alone: the Camden Town Group's
 * July general meeting, its motion of no confidence, an amendment lost, the motion carried
 * 23–4–2, the draft minutes; and the same question refused with 9 present.
 */
import { describe, expect, it } from 'vitest';
import { presetStandingOrders } from '../organisations/standing-orders.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';
import { describeAmendment } from './amendments.ts';
import {
  amendmentEvent,
  nextQuestion,
  pendingAmendments,
  startDebate,
  tableAmendment,
} from './debate.ts';
import { draftMinutes, newMinutes, renderMinutesText } from './minutes.ts';
import type { MeetingEvent } from './minutes.ts';
import { addresseesOf } from './motion-text.ts';
import { legalEvents, newMotion, transition } from './motion.ts';
import type { MotionText } from './motion-text.ts';
import type { MotionState, Participant, TransitionContext } from './motion.ts';
import { mayOpenMeeting, motionDeadline } from './notice.ts';
import { checkQuorum } from './quorum.ts';
import { describeResult } from './thresholds.ts';
import { decideRoomVote, showOfHands } from './votes.ts';
import { noConfidenceMinutesLines } from '../../../test/story.ts';

// Step 2: 40 members; quorum 10; simple majority of votes cast; the chair has a casting vote.
const rules: StandingOrders = {
  ...presetStandingOrders('citrine'),
  quorum: { kind: 'count', members: 10 },
  noticeDays: 7,
  defaultThreshold: 'simple-majority-of-votes-cast',
  tieRule: 'casting-vote',
};
const MEMBERS = 40;
const names = new Map<string, string>([
  ['m01', 'Robin Hale'],
  ['m02', 'Sam Okafor'],
  ['m03', 'Jo Lindqvist'],
  ['m04', 'Alex Moreau'],
  ['m05', 'Pat Doyle'],
]);
const memberIds = Array.from({ length: MEMBERS }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
const name = (id: string) => names.get(id) ?? id;
const member = (personId: string, isPresent = true): Participant => ({
  personId,
  isMember: memberIds.includes(personId),
  isPresent,
});

const NCG = { kind: 'body', bodyId: 'body-ncg', name: 'the National Coordinating Group' } as const;
const NEC = { kind: 'body', bodyId: 'body-nec', name: 'the Northfield Party NEC' } as const;

// Step 3: six notes/believes clauses and two operative "calls on" clauses.
const noConfidence: MotionText = {
  title: 'No confidence in the Leader',
  clauses: [
    { id: 'c1', kind: 'notes', text: 'that the Leader promised to consult the members on policy' },
    { id: 'c2', kind: 'notes', text: 'that no consultation has taken place in two years' },
    {
      id: 'c3',
      kind: 'notes',
      text: 'that the Leader overruled the conference decision on local democracy',
    },
    { id: 'c4', kind: 'believes', text: 'that the Leader has lost the trust of the members' },
    { id: 'c5', kind: 'believes', text: 'that a party run from the top cannot win' },
    { id: 'c6', kind: 'believes', text: 'that the members must be heard' },
    {
      id: 'c7',
      kind: 'calls-on',
      addressee: NEC,
      text: 'to pass a motion of no confidence in the Leader',
    },
    {
      id: 'c8',
      kind: 'calls-on',
      addressee: NCG,
      text: 'to support this demand and publicise its support to all local groups',
    },
  ],
};

describe('DESIGN.md section 2, steps 2–4 (domain only)', () => {
  const meetingAt = '2025-07-09T18:00:00Z'; // 19:00 in London
  const noticeAt = '2025-07-01T09:00:00Z';
  const timeZone = 'Europe/London';

  it('the July general meeting: notice, motion, amendment lost, motion carried, minutes', () => {
    // Step 2: the meeting is called with 7 clear days' notice; it may open on the day.
    expect(
      mayOpenMeeting({ noticeGivenAt: noticeAt, opensAt: meetingAt, rules, timeZone }),
    ).toMatchObject({ allowed: true, emergency: false });
    const deadline = motionDeadline({ meetingStartsAt: meetingAt, rules, timeZone });

    // Step 3: drafted, seconded by another member, submitted in time, put on the agenda.
    let motion: MotionState = newMotion({ proposer: member('m01', false), rules });
    const notMeeting: TransitionContext = { rules };
    motion = transition(
      motion,
      {
        type: 'submit',
        at: '2025-07-02T20:00:00Z',
        deadline,
        text: noConfidence,
        seconder: member('m02', false),
      },
      notMeeting,
    );
    motion = transition(motion, { type: 'place-on-agenda' }, notMeeting);
    expect(motion).toMatchObject({ status: 'on-agenda', proposerId: 'm01', seconderId: 'm02' });
    expect(addresseesOf(noConfidence)).toEqual([NEC, NCG]);

    // Step 4: 29 sign in; quorum met.
    const present = memberIds.slice(0, 29);
    const attendance = { present: present.length, members: MEMBERS };
    expect(checkQuorum(attendance.present, MEMBERS, rules)).toEqual({
      met: true,
      present: 29,
      required: 10,
    });
    const ctx: TransitionContext = { rules, attendance };
    const events: MeetingEvent[] = [
      { type: 'opened', at: meetingAt, chair: name('m05'), present: 29, members: 40, quorum: 10 },
      { type: 'agenda-item', title: 'Motion: No confidence in the Leader' },
    ];

    motion = transition(motion, { type: 'move', by: member('m01') }, ctx);
    motion = transition(motion, { type: 'second', by: member('m02') }, ctx);
    motion = transition(motion, { type: 'open-debate' }, ctx);
    events.push(
      { type: 'motion-moved', ref: 'motion', title: noConfidence.title, proposer: name('m01') },
      { type: 'motion-seconded', ref: 'motion', seconder: name('m02') },
    );

    // An amendment to clause 3: moved, seconded, voted, lost.
    let debate = startDebate(noConfidence, rules);
    const change = {
      kind: 'delete-and-insert',
      clauseId: 'c3',
      delete: 'overruled',
      insert: 'set aside',
    } as const;
    debate = tableAmendment(debate, {
      id: 'am1',
      change,
      state: newMotion({
        kind: 'amendment',
        proposer: member('m03'),
        rules,
        fromTheFloor: true,
      }),
    });
    debate = amendmentEvent(debate, 'am1', { type: 'second', by: member('m04') }, ctx);
    expect(pendingAmendments(debate)).toHaveLength(1);
    // The main question cannot be put while the amendment is pending.
    expect(() =>
      transition(motion, { type: 'put-question' }, { ...ctx, pendingAmendments: 1 }),
    ).toThrow(expect.objectContaining({ code: 'AMENDMENT_PENDING' }));
    expect(nextQuestion(debate)).toMatchObject({ kind: 'amendment', amendmentId: 'am1' });
    const description = describeAmendment(change, noConfidence);
    expect(description).toBe('In clause 3, delete “overruled” and insert “set aside”');
    events.push(
      { type: 'amendment-moved', ref: 'am1', description, mover: name('m03') },
      { type: 'amendment-seconded', ref: 'am1', seconder: name('m04') },
    );

    debate = amendmentEvent(debate, 'am1', { type: 'put-question' }, ctx);
    const amendmentVote = showOfHands({ for: 8, against: 18, abstain: 3 }, attendance.present);
    const amendmentResult = decideRoomVote(amendmentVote, { rules, members: MEMBERS });
    debate = amendmentEvent(debate, 'am1', { type: 'declare', result: amendmentResult }, ctx);
    expect(amendmentResult.outcome).toBe('lost');
    events.push(
      { type: 'question-put', ref: 'am1', vote: 'show-of-hands' },
      { type: 'result', ref: 'am1', result: amendmentResult },
    );

    // The motion is put: 23 for, 4 against, 2 abstentions, by show of hands. Carried.
    const question = nextQuestion(debate);
    if (question.kind !== 'motion') throw new Error('the motion should be before the meeting');
    expect(question).toEqual({ kind: 'motion', substantive: false, motion: noConfidence });
    expect(legalEvents(motion)).toContain('put-question');
    motion = transition(
      motion,
      { type: 'put-question' },
      { ...ctx, pendingAmendments: pendingAmendments(debate).length },
    );
    const vote = showOfHands({ for: 23, against: 4, abstain: 2 }, attendance.present);
    const result = decideRoomVote(vote, { rules, members: MEMBERS });
    motion = transition(motion, { type: 'declare', result }, ctx);
    expect(motion.status).toBe('carried');
    expect(describeResult(result)).toBe(
      'carried: simple majority of votes cast, 23–4, 2 abstentions',
    );
    events.push(
      { type: 'question-put', ref: 'motion', vote: 'show-of-hands' },
      { type: 'result', ref: 'motion', result, resolution: question.motion },
      { type: 'closed', at: '2025-07-09T19:45:00Z' },
    );

    // The draft minutes hold the proposer, the seconder, the amendment and the numbers.
    const minutes = newMinutes(
      draftMinutes({
        meeting: {
          bodyName: 'Camden Town Group',
          title: 'July general meeting',
          startsAt: meetingAt,
        },
        events,
        timeZone,
      }),
    );
    const text = renderMinutesText(minutes);
    for (const line of noConfidenceMinutesLines('Pat Doyle')) expect(text).toContain(line);
    expect(text).toContain(
      'Jo Lindqvist moved an amendment: in clause 3, delete “overruled” and insert “set aside”, seconded by Alex Moreau.',
    );
    expect(text).toContain('DRAFT');
    expect(text).toMatchSnapshot();
  });

  it('with 9 signed in, putting the question is refused with QUORUM_NOT_MET', () => {
    const ctx: TransitionContext = { rules, attendance: { present: 29, members: MEMBERS } };
    let motion = newMotion({ proposer: member('m01'), rules });
    motion = transition(
      motion,
      { type: 'submit', at: '2025-07-02T20:00:00Z', text: noConfidence },
      ctx,
    );
    motion = transition(motion, { type: 'place-on-agenda' }, ctx);
    motion = transition(motion, { type: 'move', by: member('m01') }, ctx);
    motion = transition(motion, { type: 'second', by: member('m02') }, ctx);
    const nine = { rules, attendance: { present: 9, members: MEMBERS } };
    expect(() => transition(motion, { type: 'put-question' }, nine)).toThrow(
      expect.objectContaining({ code: 'QUORUM_NOT_MET', message: '9 present; the quorum is 10.' }),
    );
  });
});

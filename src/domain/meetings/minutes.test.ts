import { describe, expect, it } from 'vitest';
import {
  approveMinutes,
  correctMinutes,
  draftMinutes,
  editMinutes,
  newMinutes,
  renderMinutesText,
} from './minutes.ts';
import type { MeetingEvent } from './minutes.ts';
import { decideQuestion } from './thresholds.ts';

const result = (f: number, a: number, b: number, threshold = 'simple-majority-of-votes-cast') =>
  decideQuestion({
    counts: { for: f, against: a, abstain: b },
    threshold: threshold as 'simple-majority-of-votes-cast',
    tieRule: 'not-carried',
    present: 20,
    members: 30,
  });

const meeting = {
  bodyName: 'Hackney Group',
  title: 'annual general meeting',
  startsAt: '2025-03-04T19:00:00Z',
  place: 'the Library',
};

describe('draft minutes', () => {
  it('record procedural motions, rulings, side exits and apologies', () => {
    const events: MeetingEvent[] = [
      { type: 'apologies', names: ['Kim', 'Lee', 'Max'] },
      { type: 'agenda-item', title: 'Motions' },
      { type: 'motion-moved', ref: 'm1', title: 'Parks', proposer: 'Kim', mover: 'Lee' },
      { type: 'closed-without-vote', ref: 'm1', status: 'fell' },
      { type: 'motion-moved', ref: 'm2', title: 'Rents', proposer: 'Max' },
      { type: 'motion-seconded', ref: 'm2', seconder: 'Kim' },
      {
        type: 'procedural',
        motion: 'That the question be now put',
        mover: 'Lee',
        seconder: 'Kim',
        result: result(12, 6, 2),
      },
      { type: 'question-put', ref: 'm2', vote: 'online-secret', substantive: true },
      { type: 'result', ref: 'm2', result: result(9, 9, 2) },
      {
        type: 'ruling',
        text: 'the motion on rents may not be moved again at this meeting.',
        challenge: result(4, 15, 1),
      },
      { type: 'note', text: 'The treasurer reported a balance of £1,204.' },
    ];
    const text = renderMinutesText(draftMinutes({ meeting, events }));
    expect(text).toContain(
      'Hackney Group: minutes of the annual general meeting, Tuesday, 4 March 2025, the Library',
    );
    expect(text).toContain('1.1 Apologies were received from Kim, Lee and Max.');
    expect(text).toContain('2. Motions');
    expect(text).toContain('Lee, for Kim, moved the motion “Parks”.');
    expect(text).toContain('The motion “Parks” fell for want of a seconder.');
    expect(text).toContain(
      'Lee moved the procedural motion “That the question be now put”, seconded by Kim. ' +
        'It was carried: simple majority of votes cast, 12–6, 2 abstentions.',
    );
    expect(text).toContain(
      'The question was put on the motion “Rents”, as amended (the substantive motion), by secret ballot.',
    );
    expect(text).toContain(
      'The motion “Rents” was not carried: votes equal, 9–9, 2 abstentions; a tie is not a majority.',
    );
    expect(text).toContain(
      'The ruling was challenged; the motion to disagree with the ruling was lost: simple majority of votes cast, 4–15, 1 abstention.',
    );
  });
});

describe('minutes lifecycle', () => {
  const doc = draftMinutes({ meeting, events: [{ type: 'note', text: 'Quiet evening.' }] });

  it('is edited as a draft, then approved and locked', () => {
    let minutes = newMinutes(doc);
    minutes = editMinutes(minutes, { ...doc, title: 'Corrected title' });
    expect(minutes.document.title).toBe('Corrected title');
    minutes = approveMinutes(minutes, {
      at: '2025-04-01T20:00:00Z',
      meetingRef: 'meeting 2025-04',
    });
    expect(minutes.status).toBe('approved');
    expect(() => editMinutes(minutes, doc)).toThrow(
      expect.objectContaining({ code: 'MINUTES_LOCKED' }),
    );
    expect(() =>
      approveMinutes(minutes, { at: '2025-04-01T20:00:00Z', meetingRef: 'again' }),
    ).toThrow(expect.objectContaining({ code: 'MINUTES_LOCKED' }));
  });

  it('after approval, changes only by a recorded correction', () => {
    const approved = approveMinutes(newMinutes(doc), {
      at: '2025-04-01T19:42:07.000Z',
      meetingRef: 'April meeting',
    });
    const corrected = correctMinutes(approved, {
      at: '2025-05-06',
      meetingRef: 'May meeting',
      text: 'Item 1.1 should read “a quiet evening”.',
      result: result(15, 0, 1),
    });
    expect(corrected.document).toBe(approved.document);
    const text = renderMinutesText(corrected);
    expect(text).toContain('Approved as a correct record on 2025-04-01 (April meeting).');
    expect(text).toContain(
      '1. 2025-05-06, May meeting: Item 1.1 should read “a quiet evening”. (carried: simple majority of votes cast, 15–0, 1 abstention)',
    );
    expect(() => correctMinutes(newMinutes(doc), { at: 'x', meetingRef: 'y', text: 'z' })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
  });
});

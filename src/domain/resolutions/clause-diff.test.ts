import { describe, expect, it } from 'vitest';
import { callsOnBody, expectComposite, motionText } from '../../../test/motion-texts.ts';
import type { MotionText } from '../meetings/motion-text.ts';
import { clauseDiff, differsFromModel, wordDiff } from './clause-diff.ts';
import { asOwnMotion, compositeText } from './own-motion.ts';
import { uniqueSlug } from './slugs.ts';

const model = motionText('No confidence in the Leader', [
  ['a', 'notes', 'that the Leader promised to consult the members'],
  ['b', 'believes', 'that the members must be heard'],
  ['c', 'resolves', 'to support this demand'],
]);

describe('the clause-level diff of an adoption against its model', () => {
  it('finds every clause the same in an unchanged adoption', () => {
    expect(clauseDiff(model, model).map((c) => c.change)).toEqual(['same', 'same', 'same']);
    expect(differsFromModel(model, model)).toBe(false);
  });

  it('shows one clause changed, with the words taken out and put in', () => {
    const branch = {
      ...model,
      clauses: model.clauses.map((c) =>
        c.id === 'b' ? { ...c, text: 'that every member must be heard' } : c,
      ),
    };
    const diff = clauseDiff(model, branch);
    expect(diff.map((c) => c.change)).toEqual(['same', 'changed', 'same']);
    const changed = diff[1]!;
    expect(changed.change === 'changed' && changed.words).toEqual([
      { change: 'same', text: 'believes that' },
      { change: 'removed', text: 'the members' },
      { change: 'added', text: 'every member' },
      { change: 'same', text: 'must be heard' },
    ]);
    expect(differsFromModel(model, branch)).toBe(true);
  });

  it('shows clauses added and left out where they stand', () => {
    const branch: MotionText = {
      ...model,
      clauses: [
        model.clauses[0]!,
        {
          id: 'x',
          kind: 'instructs',
          text: 'to write to the press',
          addressee: { kind: 'officer', officer: 'the Secretary' },
        },
        model.clauses[2]!,
      ],
    };
    expect(clauseDiff(model, branch).map((c) => c.change)).toEqual([
      'same',
      'removed',
      'added',
      'same',
    ]);
  });

  it('pairs a changed clause by its id even when it moved kind', () => {
    const branch: MotionText = {
      ...model,
      clauses: [
        model.clauses[0]!,
        model.clauses[1]!,
        { id: 'c', kind: 'notes', text: 'the demand' },
      ],
    };
    expect(clauseDiff(model, branch).map((c) => c.change)).toEqual(['same', 'same', 'changed']);
  });

  it('compares words exactly', () => {
    expect(wordDiff('a b c', 'a b c')).toEqual([{ change: 'same', text: 'a b c' }]);
    expect(wordDiff('', 'new words')).toEqual([{ change: 'added', text: 'new words' }]);
  });
});

describe('a resolution as the receiving body’s own motion', () => {
  const text = motionText('No confidence', [
    ['n', 'notes', 'that the Leader did not consult'],
    callsOnBody('p', { bodyId: 'nec', name: 'the NEC' }, 'to pass a motion'),
    callsOnBody('g', { bodyId: 'ncg', name: 'the NCG' }, 'to support this demand'),
  ]);

  it('turns what it is called on to do into what it resolves to do', () => {
    const own = asOwnMotion(text, 'ncg');
    expect(own.clauses.map((c) => c.kind)).toEqual(['notes', 'calls-on', 'resolves']);
    expect(own.clauses[2]).toEqual({ id: 'g', kind: 'resolves', text: 'to support this demand' });
  });

  it('composites several texts keeping every clause once, preamble first', () => {
    const other = motionText('Other', [
      ['n', 'resolves', 'to hold a ballot'],
      ['z', 'notes', 'that the Leader did not consult'],
      ['q', 'believes', 'that members decide'],
    ]);
    expectComposite(compositeText(' Composite A ', [text, other]), 'Composite A', [
      'that the Leader did not consult',
      'that members decide',
      'to pass a motion',
      'to support this demand',
      'to hold a ballot',
    ]);
  });
});

describe('resolution slugs', () => {
  it('are the title in lower case with hyphens, unique within the organisation', () => {
    expect(uniqueSlug('No confidence in the Leader', new Set())).toBe(
      'no-confidence-in-the-leader',
    );
    expect(
      uniqueSlug('No Confidence in the Leader!', new Set(['no-confidence-in-the-leader'])),
    ).toBe('no-confidence-in-the-leader-2');
    expect(uniqueSlug('Minutes', new Set())).toBe('minutes-2');
  });
});

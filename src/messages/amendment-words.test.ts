import { describe, expect, it } from 'vitest';
import {
  amendmentWording,
  describeAmendment,
  ENGLISH_AMENDMENT_PHRASES,
  type AmendmentChange,
} from '../domain/meetings/amendments.ts';
import { draftMinutes } from '../domain/meetings/minutes.ts';
import { clauseSentence, type MotionText } from '../domain/meetings/motion-text.ts';
import { amendmentInWords, amendmentWords, clauseVerbs } from './amendment-words.ts';
import { en } from './en.ts';
import { minutesWords } from './minutes-words.ts';

const NARROW = '\u202f';
const motion: MotionText = {
  title: 'No confidence in the Leader',
  clauses: [
    { id: 'c1', kind: 'notes', text: 'that the Leader promised to consult the members' },
    { id: 'c2', kind: 'believes', text: 'that the members must be heard' },
    {
      id: 'c3',
      kind: 'calls-on',
      text: 'to pass a motion of no confidence in the Leader',
      addressee: { kind: 'named-body', name: 'the Northfield Party NEC' },
    },
  ],
};
const CHANGES: [AmendmentChange, string, string][] = [
  [
    { kind: 'delete-and-insert', clauseId: 'c1', delete: 'promised', insert: 'undertook' },
    'In clause 1, delete “promised” and insert “undertook”',
    `À la clause 1, supprimer «${NARROW}promised${NARROW}» et insérer «${NARROW}undertook${NARROW}»`,
  ],
  [
    { kind: 'insert-words', clauseId: 'c2', words: 'all', position: { after: 'that the' } },
    'In clause 2, insert “all” after “that the”',
    `À la clause 2, insérer «${NARROW}all${NARROW}» après «${NARROW}that the${NARROW}»`,
  ],
  [{ kind: 'delete-clause', clauseId: 'c2' }, 'Delete clause 2', 'Supprimer la clause 2'],
  [
    {
      kind: 'add-clause',
      afterClauseId: 'c2',
      clause: { id: 'c9', kind: 'resolves', text: 'to write to the Leader' },
    },
    'Add a new clause after clause 2: “resolves to write to the Leader”',
    `Ajouter une clause après la clause 2${NARROW}: «${NARROW}décide to write to the Leader${NARROW}»`,
  ],
];

describe('amendments and clauses in the reader’s language', () => {
  it('reads an amendment out in English as it always did, and in French', () => {
    for (const [change, english, french] of CHANGES) {
      expect(describeAmendment(change, motion)).toBe(english);
      expect(describeAmendment(change, motion, amendmentWords('en'))).toBe(english);
      expect(amendmentInWords(amendmentWording(change, motion), 'fr')).toBe(french);
    }
  });

  it('has the catalogue’s English for every phrase the domain reads out', () => {
    for (const [phrase, words] of Object.entries(ENGLISH_AMENDMENT_PHRASES))
      expect(en[`amendment.${phrase}` as keyof typeof en]).toBe(words);
  });

  it('gives a clause its verb in the language, the proposer’s words as written', () => {
    expect(clauseSentence(motion.clauses[2]!, clauseVerbs('fr'))).toBe(
      'demande à the Northfield Party NEC to pass a motion of no confidence in the Leader',
    );
    expect(clauseSentence(motion.clauses[2]!)).toBe(
      'calls on the Northfield Party NEC to pass a motion of no confidence in the Leader',
    );
  });

  it('drafts French minutes with the amendment and the motion in French', () => {
    const change = CHANGES[0]![0];
    const minutes = draftMinutes({
      meeting: {
        bodyName: 'Camden Town Group',
        title: 'July general meeting',
        startsAt: '2026-07-20T18:00:00Z',
        place: 'Camden Centre',
      },
      events: [
        { type: 'motion-moved', ref: 'm1', title: motion.title, proposer: 'Isla', text: motion },
        {
          type: 'amendment-moved',
          ref: 'a1',
          mover: 'Yusuf',
          description: describeAmendment(change, motion),
          wording: amendmentWording(change, motion),
        },
      ],
      words: minutesWords('fr'),
    });
    const text = JSON.stringify(minutes);
    expect(text).toContain('à la clause 1, supprimer');
    expect(text).toContain('constate that the Leader promised');
    expect(text).not.toMatch(/In clause|calls on|\bnotes that/);
  });
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { decrypt, expectChained, setUpKeys, vote } from '../../../test/e2e-devices.ts';
import { giveCard, movableContext } from '../../../test/factories.ts';
import { camdenInSession } from '../../../test/meeting-in-session.ts';
import { closeE2eBallot } from '../ballots/close-e2e-ballot.ts';
import { openE2eBallot } from '../ballots/open-e2e-ballot.ts';
import { viewBoard } from '../ballots/view-e2e-ballot.ts';
import { putToVerifiableBallot } from './put-to-verifiable-ballot.ts';
import { signInToMeeting } from './sign-in-to-meeting.ts';
import { viewMeeting, viewMotion } from './view-meeting.ts';

describeEachDatabase(
  'a question put to an end-to-end verifiable ballot of those present',
  (database) => {
    it('freezes the electorate from the attendance at the opening, and declares the decrypted card vote on the question', async () => {
      const ctx = movableContext(database());
      const { camdenId, chair, ids, meetingId, motionId, member } = await camdenInSession(ctx, {
        preset: 'citrine',
        rules: { secretQuestions: ['elections', 'no-confidence'] },
        secretKind: 'no-confidence',
        motion: {
          title: 'No confidence in the Treasurer',
          clauses: [
            { kind: 'resolves', text: 'that this branch has no confidence in the Treasurer' },
          ],
        },
      });
      await giveCard(ctx, { bodyId: camdenId, personId: ids[2]! }, 30);
      const trustees = [await member(0), await member(1)];
      const put = await putToVerifiableBallot(ctx, {
        actor: chair,
        motionId,
        weighted: true,
        trustees: [ids[0]!, ids[1]!],
      });
      expect(put).toMatchObject({ on: 'motion', setupHash: expect.any(String) });
      expect((await viewMotion(ctx, { actor: chair, motionId })).status).toBe('question-put');
      const shares = await setUpKeys(ctx, put.ballotId, trustees);
      // Arriving before the opening gives a vote: the electorate is frozen when it opens.
      await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[10]! });
      expect(await openE2eBallot(ctx, { actor: chair, ballotId: put.ballotId })).toMatchObject({
        electorate: 11,
      });

      await vote(ctx, await member(2), put.ballotId, 0); // 30 for
      await vote(ctx, await member(3), put.ballotId, 1); // against
      await vote(ctx, await member(10), put.ballotId, 0); // for
      await vote(ctx, await member(4), put.ballotId, 2); // abstains
      await closeE2eBallot(ctx, { actor: chair, ballotId: put.ballotId });
      await decrypt(ctx, trustees[1]!, put.ballotId, shares[1]!);
      const counted = await decrypt(ctx, trustees[0]!, put.ballotId, shares[0]!);
      expect(counted.result).toMatchObject({ for: 31, against: 1, abstain: 1, outcome: 'carried' });

      const after = await viewMeeting(ctx, { actor: chair, meetingId });
      expect(after.questionPut).toBeNull();
      expect(after.questions.at(-1)).toMatchObject({
        mode: 'secret-ballot',
        declared: 'carried: simple majority of votes cast, 31–1, 1 abstention',
      });
      expect((await viewMotion(ctx, { actor: chair, motionId })).status).toBe('carried');
      const board = await viewBoard(ctx, { actor: chair, ballotId: put.ballotId });
      expectChained(board);
      expect(board.events.at(-1)!.payload).toMatchObject({
        counts: [31, 1, 1],
        outcome: 'carried',
      });
    });
  },
);

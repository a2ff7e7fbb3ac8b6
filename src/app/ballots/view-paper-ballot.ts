import { paperChoices } from '../../domain/ballots/paper.ts';
import { notFound } from '../../domain/errors.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import { findBallot } from '../../db/queries/ballots.ts';
import { findMeeting, findQuestionOfBallot } from '../../db/queries/meetings.ts';
import { listElectorsOfBallot, paperCountOf } from '../../db/queries/paper-ballots.ts';
import { authorise, authoriseOrHide } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import { turnoutOf } from './paper-support.ts';

/**
 * The paper side of a secret ballot of those present, for those who run it (the chair, the
 * secretary: who votes how, printing the papers) and the tellers (the count): the question and
 * its choices, the turnout online and on paper, the papers issued and the count entered. Who
 * votes on paper is shown only to those who run the ballot, to hand the papers out; nothing says
 * what anyone chose.
 */
export async function viewPaperBallot(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    ballotId: string;
    /** Printing the papers is for those who run the ballot; the count is the tellers'. */
    may: 'body.runBallots' | 'body.countPapers';
  },
) {
  const ballot = await findBallot(ctx.db, props.ballotId);
  if (!ballot) throw notFound('That ballot');
  await authoriseOrHide(ctx.db, props.actor, 'body.participate', ballot.body_id, 'That ballot');
  const { body, inTree } = await authorise(ctx.db, props.actor, props.may, ballot.body_id);
  const canRun = can(props.actor, 'body.runBallots', inTree);
  const canCount = can(props.actor, 'body.countPapers', inTree);
  const question = await findQuestionOfBallot(ctx.db, ballot.id);
  const meeting = question && (await findMeeting(ctx.db, question.meeting_id));
  if (!question || !meeting || ballot.end_to_end === 1 || ballot.options.kind === 'ranked')
    throw notFound('The paper ballots of that ballot');
  const choices = paperChoices(ballot.options);
  return {
    id: ballot.id,
    question: ballot.question,
    body: body.name,
    meeting: { id: meeting.id, title: meeting.title },
    state: ballot.state,
    weighted: ballot.weighted === 1,
    /** The choices a paper carries: `for`/`against`/`abstain` (to be worded), or the options. */
    choices:
      ballot.options.kind === 'choice'
        ? ballot.options.options.map((label, i) => ({ value: choices[i]!, label }))
        : choices.map((value) => ({ value, label: null })),
    turnout: await turnoutOf(ctx.db, ballot),
    count: paperCountOf(ballot),
    canRun,
    canCount,
    electors: canRun ? await listElectorsOfBallot(ctx.db, ballot.id) : null,
  };
}

export type PaperBallotView = Awaited<ReturnType<typeof viewPaperBallot>>;

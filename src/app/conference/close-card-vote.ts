import {
  type CardThreshold,
  countCardVote,
  countSectionTotals,
  type CardVoteResult,
} from '../../domain/conference/card-vote.ts';
import type { Section } from '../../domain/conference/sections.ts';
import type { Db } from '../../db/database.ts';
import { percentText, ratioText } from '../../domain/conference/ratio.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  closeCardVoteRow,
  findCardVote,
  findSubmission,
  listCardBox,
  listCardCasts,
  listDelegations,
  updateSubmission,
} from '../../db/queries/conference.ts';
import { findReferenceBack } from '../../db/queries/conference-references.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { auditConference, runConference } from './conference-support.ts';
import { outcomeNote, stepSubmissionCommunication } from './conference-communication.ts';
import { settleReferenceBack } from './reference-back-support.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';
import type { MeetingTable } from '../../db/schema.ts';

/** The section table as published: raw weights, and each normalised figure as an exact fraction. */
export function presentCardResult(r: CardVoteResult) {
  return {
    threshold: r.threshold,
    outcome: r.outcome,
    for: ratioText(r.for),
    against: ratioText(r.against),
    forPercent: percentText(r.for),
    againstPercent: percentText(r.against),
    sections: r.sections.map((s) => ({
      section: s.section,
      share: ratioText(s.share),
      for: s.for,
      against: s.against,
      abstain: s.abstain,
      normalisedFor: ratioText(s.normalisedFor),
      normalisedAgainst: ratioText(s.normalisedAgainst),
    })),
  };
}
export type CardResultView = ReturnType<typeof presentCardResult>;

/** An open card vote counted from each delegation's card. */
async function countOpen(
  db: Db,
  sections: readonly Section[],
  meetingId: string,
  vote: { id: string; threshold: CardThreshold },
) {
  const delegations = await listDelegations(db, meetingId);
  const casts = await listCardCasts(db, vote.id);
  return countCardVote({
    sections,
    cards: delegations.map((d) => ({ delegationId: d.id, section: d.section, weight: d.weight })),
    casts: casts.map((c) => ({
      delegationId: c.delegation_id,
      for: c.for_votes,
      against: c.against_votes,
      abstain: c.abstain_votes,
    })),
    threshold: vote.threshold,
  });
}

/**
 * The chair closes a card vote: the cards are counted by section and normalised by the shares
 * exactly (a secret one from its sections' totals alone); the result is stored and sealed in the
 * audit chain. On a motion, it is passed to the submission and, for a composite, to every motion
 * merged into it, and each sending branch is told through its resolution's communication with
 * the section table; on a reference back, it settles the reference back.
 */
export async function closeCardVote(
  ctx: AppContext,
  props: { actor: Actor | null; cardVoteId: string },
) {
  const done = await inTransaction(ctx, async (trx) => {
    const vote = await findCardVote(trx, props.cardVoteId);
    if (!vote) throw notFound('That card vote');
    const { meeting, conference } = await runConference(trx, props.actor, vote.meeting_id);
    const result =
      vote.secret === 1
        ? countSectionTotals({
            sections: conference.sections,
            totals: new Map(
              (await listCardBox(trx, vote.id)).map((t) => [
                t.section,
                { f: t.for_votes, a: t.against_votes, b: t.abstain_votes },
              ]),
            ),
            threshold: vote.threshold,
          })
        : await countOpen(trx, conference.sections, meeting.id, vote);
    const view = presentCardResult(result);
    const at = isoNow(ctx);
    if (!(await closeCardVoteRow(trx, vote.id, view, at)))
      throw new DomainError('BALLOT_CLOSED', 'The card vote is already closed.');
    const settled = { actor: props.actor, meeting, at };
    if (vote.reference_back_id) {
      const ref = (await findReferenceBack(trx, vote.reference_back_id))!;
      await settleReferenceBack(trx, {
        ...settled,
        referenceBack: ref,
        outcome: result.outcome,
        by: 'card-vote',
      });
    } else
      await passOutcome(trx, ctx, {
        ...settled,
        submissionId: vote.submission_id,
        view,
        sectionNames: new Map(conference.sections.map((s) => [s.key, s.name])),
      });
    await auditConference(trx, props.actor, meeting, 'conference.cardVoteDeclared', at, {
      cardVoteId: vote.id,
      submissionId: vote.reference_back_id ? null : vote.submission_id,
      referenceBackId: vote.reference_back_id,
      result: view,
    });
    return { view, meetingId: meeting.id };
  });
  publishMeeting(ctx, done.meetingId, 'declared');
  return done.view;
}

/** The outcome to the submission, the motions merged into it, and each one's sending branch. */
async function passOutcome(
  trx: Db,
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meeting: MeetingTable;
    submissionId: string;
    view: CardResultView;
    sectionNames: ReadonlyMap<string, string>;
    at: string;
  },
) {
  const { view, at } = props;
  const submission = (await findSubmission(trx, props.submissionId))!;
  const composite = submission.kind === 'composite' ? submission.title : null;
  for (const id of [submission.id, ...submission.sources]) {
    const s = id === submission.id ? submission : (await findSubmission(trx, id))!;
    await updateSubmission(trx, id, {
      status: view.outcome,
      result: JSON.stringify(view),
      updated_at: at,
    });
    await stepSubmissionCommunication(
      trx,
      ctx,
      s,
      { type: 'record-outcome', outcome: view.outcome },
      {
        note: outcomeNote(
          props.meeting.title,
          view,
          id === submission.id ? null : composite,
          props.sectionNames,
        ),
        actorPersonId: props.actor?.personId ?? null,
        at,
      },
    );
  }
}

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
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { auditConference, runConference } from './conference-support.ts';

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
 * exactly (a secret one from its sections' totals alone); the result is stored, sealed in the audit chain, and passed to the submission and,
 * for a composite, to every motion merged into it, so each sending branch sees its outcome.
 */
export async function closeCardVote(
  ctx: AppContext,
  props: { actor: Actor | null; cardVoteId: string },
) {
  return inTransaction(ctx, async (trx) => {
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
    const submission = (await findSubmission(trx, vote.submission_id))!;
    for (const id of [submission.id, ...submission.sources])
      await updateSubmission(trx, id, {
        status: result.outcome,
        result: JSON.stringify(view),
        updated_at: at,
      });
    await auditConference(trx, props.actor, meeting, 'conference.cardVoteDeclared', at, {
      cardVoteId: vote.id,
      submissionId: submission.id,
      result: view,
    });
    return view;
  });
}

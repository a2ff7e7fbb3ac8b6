import { z } from '@hono/zod-openapi';
import { enterPaperCount } from '../../app/ballots/enter-paper-count.ts';
import { issuePaperBallots } from '../../app/ballots/issue-paper-ballots.ts';
import { markPaperVoters } from '../../app/ballots/mark-paper-voters.ts';
import { viewPaperBallot } from '../../app/ballots/view-paper-ballot.ts';
import { actionRoute, type Api, json, okWith, refused, viewRoute } from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { EnterPaperCount, IssuePaperBallots, MarkPaperVoters } from './schema.ts';
import { HybridTurnout, PaperBallot } from './views.ts';

/**
 * The paper side of a secret ballot of those present, in the JSON API: its turnout online and on
 * paper, marking members as voting on paper, issuing numbered papers, and the tellers' count.
 */
export function paperBallotsApi(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  viewRoute(api, {
    path: '/ballots/{id}/paper',
    summary:
      'A ballot of those present, for its tellers: turnout online and on paper, papers issued, the count',
    description: 'The paper side',
    schema: PaperBallot,
    view: (actor, ballotId) => viewPaperBallot(ctx, { actor, ballotId, may: 'body.countPapers' }),
  });

  actionRoute(api, {
    path: '/ballots/{id}/paper-voters',
    summary:
      'Mark members present as voting on paper, or back online (never one who has voted online)',
    action: MarkPaperVoters,
    answer: json(okWith({ turnout: HybridTurnout }), 'Marked'),
    refusals: { 409: refused('Voted online already, papers issued or counted, or closed') },
    run: (actor, ballotId, { personIds, paper }) =>
      markPaperVoters(ctx, { actor, ballotId, personIds, paper }).then((turnout) => ({
        turnout,
      })),
  });

  actionRoute(api, {
    path: '/ballots/{id}/papers',
    summary: 'Issue numbered paper ballots to those voting on paper who have none yet',
    action: IssuePaperBallots,
    answer: json(
      okWith({ from: z.number().int(), to: z.number().int(), issued: z.number().int() }),
      'Issued',
    ),
    status: 201,
    refusals: { 409: refused('Nobody is waiting for a paper, or the papers are counted') },
    run: (actor, ballotId) => issuePaperBallots(ctx, { actor, ballotId }),
  });

  actionRoute(api, {
    path: '/ballots/{id}/paper-count',
    summary:
      "Enter the tellers' count of the papers returned: valid ones per choice, and spoilt (secretary, scrutineer)",
    action: EnterPaperCount,
    answer: json(okWith({ turnout: HybridTurnout }), 'Entered'),
    refusals: { 422: refused('More papers than were issued') },
    run: (actor, ballotId, { counts, spoilt }) =>
      enterPaperCount(ctx, { actor, ballotId, counts, spoilt }).then((turnout) => ({ turnout })),
  });
}

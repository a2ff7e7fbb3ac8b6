import { Hono } from 'hono';
import { viewBallot } from '../../app/ballots/view-ballot.ts';
import type { LiveEvent } from '../../app/common/events.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { followRoute } from './event-stream.ts';
import type { StreamQuota } from './stream-quota.ts';

/**
 * Server-sent event streams for screens that follow a ballot: the turnout as it changes (how
 * many have voted, never how) and the result the moment the ballot closes. The first event is
 * the current state, so a screen that connects late or reconnects is in step at once.
 */
/**
 * The filter of one screen's ballot stream. Turnout is counted a moment after votes commit, so a
 * count can come after the state the screen was sent on connecting already included it (or
 * after a later count from another process): a screen is only sent a turnout higher than the
 * last one it was sent. It judges each event as it goes out (see streamChannel's `keep`), so a
 * count heard while the state was being read is judged after the state too.
 */
export function higherTurnoutsOnly() {
  let voted = -1;
  return (event: LiveEvent) => {
    const count = event.type === 'turnout' ? event.data.voted : undefined;
    if (typeof count !== 'number') return true;
    if (count <= voted) return false;
    voted = count;
    return true;
  };
}

export function liveRoutes({ ctx, streams }: HttpOptions & { streams: StreamQuota }) {
  const live = new Hono<HttpEnv>();
  followRoute(live, ctx.events, streams, '/ballots/:id/events', {
    kind: 'ballot',
    current: async (actor, ballotId) => {
      const ballot = await viewBallot(ctx, { actor, ballotId });
      return ballot.state === 'closed'
        ? { type: 'closed', data: { result: ballot.result } }
        : {
            type: 'turnout',
            data: { voted: ballot.voted, electorate: ballot.electorate, state: ballot.state },
          };
    },
    keep: higherTurnoutsOnly,
  });
  return live;
}

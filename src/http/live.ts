import { Hono } from 'hono';
import { viewBallot } from '../app/view-ballot.ts';
import type { EventHub } from '../app/events.ts';
import { DomainError } from '../domain/errors.ts';
import type { HttpEnv, HttpOptions } from './env.ts';
import { streamChannel } from './event-stream.ts';

/**
 * Server-sent event streams for screens that follow a ballot: the turnout as it changes (how
 * many have voted, never how) and the result the moment the ballot closes. The first event is
 * the current state, so a screen that connects late or reconnects is in step at once.
 */
export function liveRoutes({ ctx }: HttpOptions) {
  const live = new Hono<HttpEnv>();
  live.get('/ballots/:id/events', async (c) => {
    const signedIn = c.get('signedIn');
    if (!signedIn) throw new DomainError('NOT_SIGNED_IN', 'Sign in to follow this ballot.');
    const ballotId = c.req.param('id');
    // Turnout is counted a moment after votes commit, so a count can reach a screen after the
    // state it was sent on connecting already included it (or after a later count from another
    // process): a screen is only sent a turnout higher than the last one it has.
    let voted = -1;
    const events: EventHub = {
      ...ctx.events,
      subscribe: (channel, listener) =>
        ctx.events.subscribe(channel, (event) => {
          const count = event.type === 'turnout' ? event.data.voted : undefined;
          if (typeof count === 'number') {
            if (count <= voted) return;
            voted = count;
          }
          listener(event);
        }),
    };
    return streamChannel(c, events, `ballot:${ballotId}`, async () => {
      const ballot = await viewBallot(ctx, { actor: signedIn.actor, ballotId });
      voted = Math.max(voted, ballot.voted);
      return ballot.state === 'closed'
        ? { type: 'closed', data: { result: ballot.result } }
        : {
            type: 'turnout',
            data: { voted: ballot.voted, electorate: ballot.electorate, state: ballot.state },
          };
    });
  });
  return live;
}

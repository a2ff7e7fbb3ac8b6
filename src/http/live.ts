import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '../app/events.ts';
import { viewBallot } from '../app/view-ballot.ts';
import { DomainError } from '../domain/errors.ts';
import type { HttpEnv, HttpOptions } from './env.ts';

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
    const ballot = await viewBallot(ctx, { actor: signedIn.actor, ballotId: c.req.param('id') });
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [
        ballot.state === 'closed'
          ? { type: 'closed', data: { result: ballot.result } }
          : {
              type: 'turnout',
              data: { voted: ballot.voted, electorate: ballot.electorate, state: ballot.state },
            },
      ];
      let wake: (() => void) | undefined;
      const unsubscribe = ctx.events.subscribe(`ballot:${ballot.id}`, (event) => {
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      let id = 0;
      while (!stream.aborted) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({
            event: event.type,
            data: JSON.stringify(event.data),
            id: String(++id),
          });
          continue;
        }
        // Wait for the next event, or send a comment every 25 s to keep proxies from closing us.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 25_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (!queue.length && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
  return live;
}

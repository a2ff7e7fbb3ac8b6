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
    // Listen before reading the current state: a vote or the close that lands while it is read
    // is then queued behind it, never missed.
    const queue: LiveEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = ctx.events.subscribe(`ballot:${c.req.param('id')}`, (event) => {
      queue.push(event);
      wake?.();
    });
    let ballot: Awaited<ReturnType<typeof viewBallot>>;
    try {
      ballot = await viewBallot(ctx, { actor: signedIn.actor, ballotId: c.req.param('id') });
    } catch (error) {
      unsubscribe();
      throw error;
    }
    queue.unshift(
      ballot.state === 'closed'
        ? { type: 'closed', data: { result: ballot.result } }
        : {
            type: 'turnout',
            data: { voted: ballot.voted, electorate: ballot.electorate, state: ballot.state },
          },
    );
    return streamSSE(c, async (stream) => {
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

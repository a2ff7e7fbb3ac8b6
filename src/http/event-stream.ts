import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventHub, LiveEvent } from '../app/events.ts';

/**
 * Streams one channel of the event hub as server-sent events. It listens before reading the
 * current state, so anything that happens while the state is read is queued behind it, never
 * missed; the current state is the first event, so a screen that connects late or reconnects is
 * in step at once. A comment every 25 s keeps proxies from closing an idle stream. If reading
 * the current state fails (not found, not allowed), the error goes to the one error handler.
 */
export async function streamChannel(
  c: Context,
  events: EventHub,
  channel: string,
  current: () => Promise<LiveEvent>,
) {
  const queue: LiveEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = events.subscribe(channel, (event) => {
    queue.push(event);
    wake?.();
  });
  try {
    queue.unshift(await current());
  } catch (error) {
    unsubscribe();
    throw error;
  }
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
}

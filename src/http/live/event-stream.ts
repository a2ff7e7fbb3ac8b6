import { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, Hono } from 'hono';
import type { StreamQuota } from './stream-quota.ts';
import type { EventHub, LiveEvent, NumberedEvent } from '../../app/common/events.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { HttpEnv } from '../env.ts';

const encoder = new TextEncoder();
/** Each event is framed once per process, however many screens it goes to. */
const frames = new WeakMap<NumberedEvent, Uint8Array>();
const frameOf = (event: NumberedEvent) => {
  let frame = frames.get(event);
  if (!frame) {
    frame = encoder.encode(
      `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`,
    );
    frames.set(event, frame);
  }
  return frame;
};
const KEEP_ALIVE = encoder.encode(': keep-alive\n\n');
const RETRY = encoder.encode('retry: 2000\n\n');
const HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-store',
  'X-Accel-Buffering': 'no',
  'X-Content-Type-Options': 'nosniff',
};
/** A screen this far behind (bytes queued) is cut off; it reconnects and resumes by number. */
const MAX_BEHIND = 1 << 20;

/** The number a reconnecting screen last had (the Last-Event-ID header), if any. */
function lastEventIdOf(c: Context): number | null {
  const raw = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId');
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/**
 * Streams one channel of the event hub as server-sent events, each with its number on the
 * channel as its id. A new screen first gets the current state, numbered with the channel's last
 * event at the moment it was read; a screen that reconnects with `Last-Event-ID` gets exactly
 * the events after that number, or, when the replay window no longer reaches back so far, one
 * `resync` event telling it to load the page afresh. It listens before reading, so nothing that
 * happens meanwhile is missed, and it drops anything numbered at or below what it has sent, so
 * nothing is sent twice. A comment every 25 s keeps proxies from closing an idle stream. If
 * reading the current state fails (not found, not allowed), the error goes to the one error
 * handler.
 */
export async function streamChannel(
  c: Context,
  events: EventHub,
  channel: string,
  current: () => Promise<LiveEvent>,
  options: {
    /** Says whether to send an event, asked as each is about to be sent, the state first. */
    readonly keep?: (event: LiveEvent) => boolean;
    /** Called once when the stream ends, however it ends (a StreamQuota's release). */
    readonly onEnd?: () => void;
    /** Sends each event's type and number only, without its data (for a screen of no one). */
    readonly strip?: boolean;
  } = {},
) {
  const { keep = () => true, onEnd = () => {}, strip = false } = options;
  const lastEventId = lastEventIdOf(c);
  const early: NumberedEvent[] = [];
  let send: ((event: NumberedEvent) => void) | undefined;
  const unsubscribe = events.subscribe(channel, (event) =>
    send ? send(event) : early.push(event),
  );
  let first: NumberedEvent[];
  let replayed: boolean;
  try {
    // The state is read even on a reconnect: it is also the check that this person may follow.
    const seq = await events.lastSeq(channel);
    const state = await current();
    const replay = lastEventId === null ? null : await events.since(channel, lastEventId);
    replayed = replay !== null;
    first =
      replay ??
      (lastEventId === null
        ? [{ ...state, seq }]
        : [{ type: 'resync', data: {}, seq: Math.max(seq, ...early.map((e) => e.seq)) }]);
  } catch (error) {
    unsubscribe();
    onEnd();
    throw error;
  }
  // After a replay, the screen has everything up to the number it gave; otherwise it starts anew.
  let sent = replayed ? lastEventId! : -1;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    unsubscribe();
    clearInterval(keepAlive);
    onEnd();
  };
  /** Starts the stream on a sink; `write` says false once the screen is too far behind. */
  const begin = (sink: { write(bytes: Uint8Array): boolean; end(): void }) => {
    const write = (bytes: Uint8Array) => {
      if (!sink.write(bytes)) {
        stop();
        sink.end();
      }
    };
    send = (event) => {
      if ((event.seq !== 0 && event.seq <= sent) || !keep(event)) return;
      sent = Math.max(sent, event.seq);
      write(frameOf(strip ? { type: event.type, data: {}, seq: event.seq } : event));
    };
    write(RETRY);
    for (const event of [...first, ...early]) send(event);
    keepAlive = setInterval(() => write(KEEP_ALIVE), 25_000);
  };

  // Under Node, frames are written straight to the socket's response: one write per screen and
  // event, the cheapest way to reach 10,000 screens at once (bench/live.ts).
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  if (outgoing instanceof ServerResponse) {
    outgoing.writeHead(200, HEADERS);
    outgoing.on('close', stop);
    begin({
      write: (bytes) => {
        if (outgoing.destroyed || outgoing.writableEnded) return false;
        outgoing.write(bytes);
        return outgoing.writableLength <= MAX_BEHIND;
      },
      end: () => outgoing.end(),
    });
    return RESPONSE_ALREADY_SENT;
  }

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      begin({
        write: (bytes) => {
          try {
            controller.enqueue(bytes);
            return (controller.desiredSize ?? 0) >= -MAX_BEHIND;
          } catch {
            return false;
          }
        },
        end: () => {
          try {
            controller.close();
          } catch {
            // already closed
          }
        },
      });
      c.req.raw.signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel: stop,
  });
  return new Response(body, { headers: HEADERS });
}

/**
 * GET `path` (with an `:id`): the event stream of the ballot or meeting it names (the channel
 * `ballot:<id>`, `meeting:<id>`), for a signed-in person. `current` reads its state as that person
 * may see it, which is also the check that they may follow it; `keep` makes each screen's filter.
 * `streams` caps how many one session and one address hold open (stream-quota.ts).
 */
export function followRoute(
  web: Hono<HttpEnv>,
  events: EventHub,
  streams: StreamQuota,
  path: string,
  {
    kind,
    current,
    keep,
  }: {
    kind: 'ballot' | 'meeting';
    current: (actor: Actor, id: string) => Promise<LiveEvent>;
    keep?: () => (event: LiveEvent) => boolean;
  },
) {
  web.get(path, async (c) => {
    const signedIn = c.get('signedIn');
    if (!signedIn) throw new DomainError('NOT_SIGNED_IN', `Sign in to follow this ${kind}.`);
    const id = c.req.param('id')!;
    const onEnd = streams.admit(c);
    return streamChannel(c, events, `${kind}:${id}`, () => current(signedIn.actor, id), {
      keep: keep?.(),
      onEnd,
    });
  });
}

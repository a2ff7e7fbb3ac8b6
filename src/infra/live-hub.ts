import type { Db, DialectName, ListenClient } from '../db/database.ts';
import {
  type LiveEventRecord,
  insertLiveEvent,
  lastLiveSeq,
  liveEventsAfter,
  notifyLive,
  nextLiveSeq,
  pruneLiveEvents,
} from '../db/queries/live.ts';
import type { Logger } from '../app/common/context.ts';
import {
  type EventHub,
  isFollowed,
  type LiveEvent,
  Listeners,
  type NumberedEvent,
  REPLAY_WINDOW,
} from '../app/common/events.ts';

/** NOTIFY payloads must stay under 8,000 bytes; larger events are sent as their number only. */
const MAX_PAYLOAD = 7_000;

interface Notice {
  readonly c: string;
  readonly s: number;
  readonly t?: string;
  readonly d?: Record<string, unknown>;
}

/**
 * The event hub of a running server. Each event on a followed channel is numbered and stored in
 * the database (live_channels, live_events) in one short transaction; on PostgreSQL the same
 * transaction sends a NOTIFY, delivered to every process when it commits, in commit order. Each
 * process holds one dedicated connection that LISTENs (opened when a screen first follows
 * something) and hands each channel's events to its screens in number order, each once: it
 * remembers the last number it delivered per followed channel, and fetches any it skipped from
 * the table (a payload too large, a listening connection that dropped and came back).
 */
export function createDatabaseEventHub(options: {
  db: Db;
  dialect: DialectName;
  log: Logger;
  /** PostgreSQL: a new connection to the same database and schema, for LISTEN. */
  newClient?: (() => ListenClient) | undefined;
  now?: () => Date;
}): EventHub {
  const { db, log } = options;
  const now = options.now ?? (() => new Date());
  const listeners = new Listeners();
  /** Per followed channel with screens here: the last number delivered to them. */
  const delivered = new Map<string, number>();
  /** Per channel: publishes and deliveries run one after another, in order. */
  const publishing = new Map<string, Promise<void>>();
  const delivering = new Map<string, Promise<void>>();
  /** Per followed channel with screens here: done once this process delivers its events. */
  const ready = new Map<string, Promise<void>>();
  let notifyChannel: Promise<string> | undefined;
  let listener: Promise<ListenClient | null> | undefined;
  let closed = false;

  const chain = (map: Map<string, Promise<void>>, key: string, step: () => Promise<void>) =>
    chainStep(map, key, step, log);
  const channelName = () => (notifyChannel ??= notifyChannelOf(db));

  /** Delivers what is new on a channel up to `seq`, from the notice when it is the next one. */
  const received = (channel: string, seq: number, event?: LiveEvent) =>
    chain(delivering, channel, async () => {
      if (!listeners.has(channel)) return;
      const last = delivered.get(channel) ?? seq - 1;
      if (seq <= last) return;
      const events: NumberedEvent[] =
        event && seq === last + 1
          ? [{ ...event, seq }]
          : (await liveEventsAfter(db, channel, last, seq)).map(toEvent);
      for (const e of events) {
        if (e.seq <= (delivered.get(channel) ?? e.seq - 1) || !listeners.has(channel)) continue;
        delivered.set(channel, e.seq);
        listeners.emit(channel, e, (error) => log.error(`a listener on ${channel}`, error));
      }
    });

  const listen = () =>
    (listener ??= (async () => {
      if (!options.newClient || closed) return null;
      const name = await channelName();
      try {
        return await connectListener(options.newClient(), name, log, {
          received: (channel, seq, event) => void received(channel, seq, event),
          ended() {
            if (closed) return;
            listener = undefined;
            // Reconnect, then fetch whatever was committed while nobody here was listening.
            setTimeout(() => {
              void listen().then(() => {
                for (const c of listeners.channels()) void catchUp(c);
              });
            }, 1000);
          },
        });
      } catch (error) {
        listener = undefined;
        throw error;
      }
    })());

  const catchUp = async (channel: string) => {
    const last = await lastLiveSeq(db, channel);
    await received(channel, last);
  };

  return {
    publish(channel, event) {
      if (!isFollowed(channel)) {
        listeners.emit(channel, { ...event, seq: 0 }, (error) => log.error(channel, error));
        return;
      }
      void chain(publishing, channel, async () => {
        // A screen here that just started following gets this event: number it after that.
        await ready.get(channel);
        const name = options.dialect === 'postgres' ? await channelName() : null;
        const seq = await storeEvent(db, channel, event, now().toISOString(), name);
        // This process's screens need not wait for the notice to come back round.
        await received(channel, seq, event);
      });
    },
    subscribe(channel, onEvent) {
      const stop = listeners.add(channel, onEvent, () => {
        delivered.delete(channel);
        ready.delete(channel);
      });
      if (isFollowed(channel) && !ready.has(channel))
        // The first screen here: listen, then take the channel's last number as delivered. This
        // runs first in the channel's delivery chain, so a notice that arrives meanwhile waits
        // for it, and an event of this process cannot be delivered ahead of an earlier one.
        ready.set(
          channel,
          chain(delivering, channel, async () => {
            await listen();
            if (!delivered.has(channel)) delivered.set(channel, await lastLiveSeq(db, channel));
          }),
        );
      return stop;
    },
    async lastSeq(channel) {
      // Listening (and numbered here) before reading the number: whatever commits after it is
      // heard and delivered; what came before, the screen reads itself.
      await (ready.get(channel) ?? listen());
      return lastLiveSeq(db, channel);
    },
    async since(channel, seq) {
      await (ready.get(channel) ?? listen());
      const last = await lastLiveSeq(db, channel);
      if (seq > last) return null;
      const events = (await liveEventsAfter(db, channel, seq)).map(toEvent);
      return seq === last || events[0]?.seq === seq + 1 ? events : null;
    },
    async settled() {
      while (publishing.size || delivering.size) {
        await Promise.all([...publishing.values(), ...delivering.values()]);
      }
    },
    async close() {
      await this.settled();
      closed = true;
      const client = await listener?.catch(() => null);
      await client?.end().catch(() => {});
    },
  };
}

/** Runs `step` after the steps already chained on `key`, one after another, logging failures. */
function chainStep(
  map: Map<string, Promise<void>>,
  key: string,
  step: () => Promise<void>,
  log: Logger,
) {
  const next = (map.get(key) ?? Promise.resolve()).then(step).catch((error: unknown) => {
    log.error(`live events on ${key}`, error);
  });
  map.set(key, next);
  void next.then(() => {
    if (map.get(key) === next) map.delete(key);
  });
  return next;
}

/** One NOTIFY channel per schema, so tests and sites sharing a database stay apart. */
const notifyChannelOf = (db: Db) =>
  db
    .selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('schema'))
    .executeTakeFirstOrThrow()
    .then((r) => `seconded_live_${r.schema}`.toLowerCase().slice(0, 63));

/**
 * Numbers and stores an event in one short transaction, pruning the channel's oldest now and
 * then; with a NOTIFY channel `name` (PostgreSQL), the same transaction sends the notice.
 */
function storeEvent(db: Db, channel: string, event: LiveEvent, at: string, name: string | null) {
  return db.transaction().execute(async (trx) => {
    const seq = await nextLiveSeq(trx, channel);
    await insertLiveEvent(trx, {
      channel,
      seq,
      type: event.type,
      data: JSON.stringify(event.data),
      at,
    });
    if (seq % 50 === 0) await pruneLiveEvents(trx, channel, seq - REPLAY_WINDOW + 1);
    if (name) {
      const full = JSON.stringify({ c: channel, s: seq, t: event.type, d: event.data });
      const notice =
        Buffer.byteLength(full) <= MAX_PAYLOAD ? full : JSON.stringify({ c: channel, s: seq });
      await notifyLive(trx, name, notice);
    }
    return seq;
  });
}

/** Opens the listening connection on `name`: notices go to `received`, its end to `ended`. */
async function connectListener(
  client: ListenClient,
  name: string,
  log: Logger,
  on: {
    received(channel: string, seq: number, event?: LiveEvent): void;
    ended(): void;
  },
): Promise<ListenClient> {
  client.on('notification', (message) => {
    if (message.channel !== name || !message.payload) return;
    try {
      const notice = JSON.parse(message.payload) as Notice;
      on.received(
        notice.c,
        notice.s,
        notice.t ? { type: notice.t, data: notice.d ?? {} } : undefined,
      );
    } catch (error) {
      log.error('a live notice that does not parse', error);
    }
  });
  client.on('error', (error) => {
    log.warn(`live events: the listening connection failed (${error.message}); reconnecting`);
  });
  client.on('end', () => on.ended());
  await client.connect();
  await client.query(`LISTEN "${name}"`);
  return client;
}

const toEvent = (row: LiveEventRecord): NumberedEvent => ({
  seq: row.seq,
  type: row.type,
  data: row.data,
});

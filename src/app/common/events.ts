/**
 * Live events for screens that follow a ballot or a meeting (server-sent events). Channels are
 * named by what they follow (`meeting:<id>`, `ballot:<id>`); events carry only what every
 * follower may see (turnout, a quorum, a declared result), never who voted how.
 *
 * Each event on a followed channel gets the channel's next number (`seq`, from 1). A screen that
 * reconnects says the last number it had, and gets exactly the events after it from a bounded
 * replay window (`since`), or is told to load the state afresh when the window no longer reaches
 * back that far. The running server uses the database hub (live-hub.ts: numbers and window in
 * the database, fanned out between processes by PostgreSQL LISTEN/NOTIFY); tests use the
 * in-memory hub below, which keeps the same promises within one process.
 */
export interface LiveEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export interface NumberedEvent extends LiveEvent {
  /** The event's number on its channel; 0 on local-only channels, which are not numbered. */
  readonly seq: number;
}

export interface EventHub {
  /** Raised after the change it announces has committed; never throws (failures are logged). */
  publish(channel: string, event: LiveEvent): void;
  /** Events in number order, each once. Returns the function that stops listening. */
  subscribe(channel: string, listener: (event: NumberedEvent) => void): () => void;
  /** The last number given on the channel (0 before its first event). */
  lastSeq(channel: string): Promise<number>;
  /** The events after `seq`, oldest first; null when they are no longer all held. */
  since(channel: string, seq: number): Promise<NumberedEvent[] | null>;
  /** Resolves when every event published so far has been stored and delivered here. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Channels that are numbered, kept for replay and shared between processes. */
export const isFollowed = (channel: string) => /^(meeting|ballot):/.test(channel);

/** How many recent events of a channel are kept for screens that reconnect. */
export const REPLAY_WINDOW = 500;

/** Calls each listener of a channel; a listener that throws does not stop the others. */
export class Listeners {
  private readonly byChannel = new Map<string, Set<(event: NumberedEvent) => void>>();
  has(channel: string) {
    return this.byChannel.has(channel);
  }
  channels() {
    return [...this.byChannel.keys()];
  }
  add(channel: string, listener: (event: NumberedEvent) => void, onEmpty?: () => void) {
    let set = this.byChannel.get(channel);
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.byChannel.get(channel) === set) {
        this.byChannel.delete(channel);
        onEmpty?.();
      }
    };
  }
  emit(channel: string, event: NumberedEvent, onError: (error: unknown) => void) {
    for (const listener of this.byChannel.get(channel) ?? []) {
      try {
        listener(event);
      } catch (error) {
        onError(error);
      }
    }
  }
}

/** The hub of one process, numbering and keeping the window in memory (tests, tools). */
export function createEventHub(): EventHub {
  const listeners = new Listeners();
  const channels = new Map<string, { last: number; window: NumberedEvent[] }>();
  const stateOf = (channel: string) => {
    let state = channels.get(channel);
    if (!state) channels.set(channel, (state = { last: 0, window: [] }));
    return state;
  };
  return {
    publish(channel, event) {
      if (!isFollowed(channel)) return listeners.emit(channel, { ...event, seq: 0 }, () => {});
      const state = stateOf(channel);
      const numbered = { ...event, seq: ++state.last };
      state.window.push(numbered);
      if (state.window.length > REPLAY_WINDOW) state.window.shift();
      listeners.emit(channel, numbered, () => {});
    },
    subscribe: (channel, listener) => listeners.add(channel, listener),
    lastSeq: (channel) => Promise.resolve(channels.get(channel)?.last ?? 0),
    since(channel, seq) {
      const state = stateOf(channel);
      if (seq > state.last) return Promise.resolve(null);
      const events = state.window.filter((e) => e.seq > seq);
      const complete = seq === state.last || events[0]?.seq === seq + 1;
      return Promise.resolve(complete ? events : null);
    },
    settled: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

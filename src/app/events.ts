/**
 * Live events for screens that follow a ballot or meeting (server-sent events). Channels are
 * named by what they follow (`ballot:<id>`); events carry only what every follower may see
 * (turnout, a declared result), never who voted how. This is the in-process hub; running several
 * processes needs a hub that fans out between them (issue 8: PostgreSQL LISTEN/NOTIFY).
 */
export interface LiveEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export interface EventHub {
  publish(channel: string, event: LiveEvent): void;
  /** Returns the function that stops listening. */
  subscribe(channel: string, listener: (event: LiveEvent) => void): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  return {
    publish(channel, event) {
      for (const listener of listeners.get(channel) ?? []) listener(event);
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(channel);
      };
    },
  };
}

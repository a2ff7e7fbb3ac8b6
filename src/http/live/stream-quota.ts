import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.ts';
import type { HttpEnv } from '../env.ts';
import { clientAddress } from '../security.ts';

/**
 * Caps on the live streams one process keeps open for one session and for one client address.
 * Each stream holds a socket and a subscription for hours; without a cap, one client opening
 * thousands at once starved the server (3,000 from one client left 2,009 unopened after 15 s and
 * /healthz unanswered). A member needs a stream per open tab; a venue's members share one
 * address (through its Wi-Fi or the reverse proxy: TRUST_PROXY), so the address cap is wide.
 */
export interface StreamLimits {
  readonly perSession: number;
  readonly perAddress: number;
}

export const STREAM_LIMITS: StreamLimits = { perSession: 12, perAddress: 1_500 };

export class StreamQuota {
  private readonly open = new Map<string, number>();

  /** Streams open now in this process, for the metrics. */
  private streams = 0;

  constructor(private readonly limits: StreamLimits = STREAM_LIMITS) {}

  get openStreams(): number {
    return this.streams;
  }

  /**
   * Counts a new stream for this request's session and address, or refuses it before anything
   * is read. Returns the release to call once, when the stream ends. `holder` names who holds a
   * stream opened without a session (a projector's private link), counted as a session.
   */
  admit(c: Context<HttpEnv>, holder?: string): () => void {
    const keys: [string, number][] = [
      [`address ${clientAddress(c)}`, this.limits.perAddress],
      // A script signed in by an API token has no session: its person counts as one.
      [
        `session ${holder ?? c.get('sessionToken') ?? `of ${c.get('signedIn')?.actor.personId}`}`,
        this.limits.perSession,
      ],
    ];
    if (keys.some(([key, limit]) => (this.open.get(key) ?? 0) >= limit)) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        'Too many live screens are open for you. Close some tabs and reload this one.',
      );
    }
    for (const [key] of keys) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    this.streams += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.streams -= 1;
      for (const [key] of keys) {
        const left = (this.open.get(key) ?? 1) - 1;
        if (left > 0) this.open.set(key, left);
        else this.open.delete(key);
      }
    };
  }
}

/**
 * The one rule for what comes next in an end-to-end ballot (docs/e2e-protocol.md section 5), read
 * from its board's events alone: the stage the ballot is in and what each key holder must do now.
 * The server (the ballot page, a member's tasks) and the key holder's browser script both ask it,
 * so they cannot disagree. The verifier keeps a rule of its own, on purpose: it shares no code
 * with the server.
 */
import type { BoardEventType } from './board.ts';

/** Where an end-to-end ballot stands. */
export type E2eStage =
  'keys' | 'polynomials' | 'verifications' | 'ready' | 'open' | 'decrypting' | 'counted';

/** A key holder's duty: the step of the protocol that waits for them now. */
export type KeyHolderDuty =
  'trustee-key' | 'trustee-polynomial' | 'trustee-verification' | 'shuffle' | 'partial-decryption';

/** What the rule reads of an event: its type and, for a key holder's step, whose it is. */
export interface ProgressEvent {
  readonly type: BoardEventType;
  readonly payload: unknown;
}

export interface Progress {
  readonly stage: E2eStage;
  /** The number of key holders (the setup's list). */
  readonly trustees: number;
  /** How many key holders have done each of their steps. */
  readonly done: {
    readonly keys: number;
    readonly polynomials: number;
    readonly verifications: number;
    readonly partials: number;
    /** Shuffles on a ranked ballot's board (docs/mixnet-protocol.md section 4). */
    readonly shuffles: number;
  };
  /** What waits for key holder `trustee` (numbered from 1) now; null when nothing does. */
  readonly dutyOf: (trustee: number) => KeyHolderDuty | null;
}

const trusteeOf = (payload: unknown): number | undefined => {
  const t = (payload as { trustee?: unknown } | null)?.trustee;
  return typeof t === 'number' ? t : undefined;
};

/**
 * The stage, and each key holder's duty: their key; their polynomial once every key is in; their
 * verification once every polynomial is in; their partial decryption once the total is on the
 * board and the result is not. Events may come in any order (the server reads them by type); a
 * key holder's step counts once however often it appears.
 */
export function progressOf(events: readonly ProgressEvent[]): Progress {
  const setup = events.find((e) => e.type === 'setup');
  const n =
    (setup?.payload as { trustees?: readonly unknown[] } | undefined)?.trustees?.length ?? 0;
  const by = (type: BoardEventType) => {
    const who = new Set<number>();
    for (const e of events) {
      const t = e.type === type ? trusteeOf(e.payload) : undefined;
      if (t !== undefined) who.add(t);
    }
    return who;
  };
  const has = (type: BoardEventType) => events.some((e) => e.type === type);
  const keys = by('trustee-key');
  const polynomials = by('trustee-polynomial');
  const verifications = by('trustee-verification');
  const partials = by('partial-decryption');
  const shuffles = by('shuffle');
  // A ranked ballot (docs/mixnet-protocol.md section 4): after the close each trustee shuffles
  // in index order, then the trustees decrypt the last shuffle's output.
  const ranked =
    (setup?.payload as { version?: unknown } | undefined)?.version === 'seconded-mixnet-1';
  const [open, close, total, result] = [has('open'), has('close'), has('total'), has('result')];
  const stage: E2eStage = !setup
    ? 'keys'
    : result
      ? 'counted'
      : close
        ? 'decrypting'
        : open
          ? 'open'
          : verifications.size >= n
            ? 'ready'
            : polynomials.size >= n
              ? 'verifications'
              : keys.size >= n
                ? 'polynomials'
                : 'keys';
  const dutyOf = (trustee: number): KeyHolderDuty | null => {
    if (!keys.has(trustee)) return 'trustee-key';
    if (keys.size < n) return null;
    if (!polynomials.has(trustee)) return 'trustee-polynomial';
    if (polynomials.size < n) return null;
    if (!verifications.has(trustee)) return 'trustee-verification';
    if (ranked && close && !result) {
      if (shuffles.size < n) return shuffles.size === trustee - 1 ? 'shuffle' : null;
      return partials.has(trustee) ? null : 'partial-decryption';
    }
    if (total && !result && !partials.has(trustee)) return 'partial-decryption';
    return null;
  };
  return {
    stage,
    trustees: n,
    done: {
      keys: keys.size,
      polynomials: polynomials.size,
      verifications: verifications.size,
      partials: partials.size,
      shuffles: shuffles.size,
    },
    dutyOf,
  };
}

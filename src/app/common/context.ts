import type { Db } from '../../db/database.ts';
import type { BallotShape, EncryptedBallot, MixBallot } from '../../domain/e2e/index.ts';
import type { ShuffleCheckAnswer, ShuffleCheckSlice } from '../../verifier/shuffle.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { EventHub } from './events.ts';

/**
 * What every use case is given: the database, the clock, the mailer, and the address links
 * point at. Built once in main.ts (or by a test) and passed down; use cases read nothing global.
 */
export interface AppContext {
  readonly db: Db;
  readonly mailer: Mailer;
  readonly baseUrl: string;
  readonly now: () => Date;
  readonly log: Logger;
  readonly events: EventHub;
  /**
   * The server's Ed25519 secret key (hex) when the configuration gives one (SERVER_SIGNING_KEY);
   * otherwise the key kept in the database is used (server-key.ts).
   */
  readonly signingKey?: string;
  /**
   * Federation with other Seconded servers (issue 19), when FEDERATION_ALLOWED_PEERS names any:
   * this server's public origin and the origins it may talk to. Unset, federation is off.
   */
  readonly federation?: {
    readonly origin: string;
    readonly allowedPeers: readonly string[];
    /**
     * How this server's use cases reach a peer over plain HTTP (witnessed chains,
     * docs/witnessed-chains.md); the global fetch unless a test wires two apps in one process.
     */
    readonly fetch?: typeof fetch;
  };
  /**
   * Checks an end-to-end ballot's proofs as the domain's checkBallot does, off the event loop's
   * thread (the server's pool of worker threads, infra/ballot-check-pool.ts); without it, the
   * check runs in this thread.
   */
  readonly checkBallot?: (request: {
    readonly openHash: string;
    readonly electionKey: string;
    readonly shape: BallotShape;
    readonly pseudonym: string;
    readonly ballot: unknown;
  }) => Promise<EncryptedBallot>;
  /**
   * Checks a key holder's shuffle or ranked decryption in slices off the event loop's thread (the
   * same pool, app/ballots/step-checks.ts); without it, the slices are checked in this thread
   * one at a time, letting other requests in between.
   */
  readonly checkSlices?: SliceChecker;
}

/** Ballots `from` onwards of the last shuffle, with a key holder's factors and proofs of them. */
export interface DecryptionCheckSlice {
  readonly shuffleHash: string;
  readonly verificationKey: string;
  readonly from: number;
  readonly ballots: readonly MixBallot[];
  readonly payload: { readonly trustee: unknown; factors: unknown[]; proofs: unknown[] };
}

/** Runs slices of a check on worker threads, answering in the slices' order. */
export interface SliceChecker {
  readonly threads: number;
  shuffle(slices: ShuffleCheckSlice[]): Promise<ShuffleCheckAnswer[]>;
  /** Settles when every slice holds; refuses with the first failing slice's reason. */
  decryption(slices: DecryptionCheckSlice[]): Promise<void>;
}

/** One line per event; never a vote, a password or a ballot's content. */
/** Facts that go with a log line as fields of their own (never personal data). */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, error?: unknown, fields?: LogFields): void;
}

/** Runs `fn` in one transaction: it all happens, or none of it does. */
export function inTransaction<T>(ctx: AppContext, fn: (trx: Db) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(fn);
}

export const isoNow = (ctx: AppContext) => ctx.now().toISOString();
export const today = (ctx: AppContext) => ctx.now().toISOString().slice(0, 10);

import type { BallotShape } from '../domain/e2e/index.ts';

/**
 * What a page gives the browser scripts of end-to-end ballots, as JSON in a `data-*` attribute:
 * the addresses, the public values and every sentence, in the reader's language. Types only, so
 * the server's pages and the scripts agree without the server compiling browser code.
 */

export interface VoteSetup {
  readonly openHash: string;
  readonly electionKey: string;
  readonly shape: BallotShape;
  readonly pseudonym: string;
  /** The giver whose proxy the viewer holds, when this is a vote held by proxy. */
  readonly onBehalfOf?: string;
  /** Prefixes the ids of what the script adds, one vote of several on the page. */
  readonly idPrefix: string;
  readonly castUrl: string;
  readonly boardUrl: string;
  /** The choices, or on a ranked ballot the candidates, in ballot-paper order. */
  readonly labels: readonly string[];
  /**
   * A ranked ballot (docs/mixnet-protocol.md): the form gives each candidate a preference number
   * (`select[data-candidate]`), and up to `positions` preferences are sealed.
   */
  readonly ranked?: { readonly positions: number };
  readonly words: {
    readonly review: string;
    readonly tracker: string;
    readonly cast: string;
    readonly check: string;
    readonly checked: string;
    readonly randomness: string;
    readonly castDone: string;
    readonly findOnBoard: string;
    readonly failed: string;
    readonly chooseFirst: string;
    readonly rankedTwice: string;
  };
}

export interface TrusteeSetup {
  readonly ballotId: string;
  readonly trustee: number;
  readonly boardUrl: string;
  readonly urls: {
    readonly key: string;
    readonly polynomial: string;
    readonly verification: string;
    readonly decryption: string;
    readonly shuffle: string;
  };
  /** On a ranked ballot (docs/mixnet-protocol.md): the shuffle and its decryption. */
  readonly mix: MixSetup | null;
  readonly words: Record<
    | 'makeKey'
    | 'saveKey'
    | 'keyMade'
    | 'loadKey'
    | 'waitKeys'
    | 'waitPolynomials'
    | 'waitVerifications'
    | 'ready'
    | 'decrypt'
    | 'decrypted'
    | 'waitClose'
    | 'counted'
    | 'failed',
    string
  >;
}

export interface MixSetup {
  /** Sealed preferences (ballots × positions) the page shuffles at most; above, the command. */
  readonly limit: number;
  /** Every sentence: `{k}` a key holder's number; `{done}`, `{total}`, `{time}` the progress. */
  readonly words: Record<
    | 'shuffle'
    | 'waitShuffle'
    | 'check'
    | 'shuffling'
    | 'proving'
    | 'sending'
    | 'decrypting'
    | 'progress'
    | 'sent'
    | 'tooLarge'
    | 'fromFile'
    | 'fileRefused'
    | 'decryptTooLarge'
    | 'decryptFromFile'
    | 'decryptFileRefused'
    | 'decrypt'
    | 'decrypted',
    string
  >;
}

export interface VerifySetup {
  readonly boardUrl: string;
  readonly words: Record<
    | 'checking'
    | 'unreadable'
    | 'failed'
    | 'passed'
    | 'ballots'
    | 'outcome'
    | 'head'
    | 'trackerFound'
    | 'trackerMissing',
    string
  >;
}

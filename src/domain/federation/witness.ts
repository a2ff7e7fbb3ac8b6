/**
 * Witnessed chains (issue 19; docs/witnessed-chains.md). A published chain head (chain-head.ts)
 * catches a rewritten audit chain only if someone saved it; peers of a federation save each
 * other's, so a rewrite on one server is visible on another. Each server sends the head of each
 * organisation's chain, signed with its server key, to each allowed peer; the peer checks that
 * the head extends the one it saw before (the number never goes back, and the hashes between the
 * two link up), keeps it and countersigns it. This is the gossip of signed tree heads of
 * Certificate Transparency (RFC 6962 section 3.5; RFC 9162 section 8.1.4), between two parties.
 *
 * The domain defines the texts that are signed and the check that a new head extends an old
 * one; the app layer fetches, signs and stores.
 */
import { chainHeadText, type SignedChainHead } from '../chain-head.ts';

/** The version of the request a server signs when it sends its head to a witness. */
export const WITNESS_REQUEST_FORMAT = 'seconded-witness-request/1';
/** The version of the text a witness signs: the head it saw, by whom and when. */
export const WITNESSED_HEAD_FORMAT = 'seconded-witnessed-head/1';
/** The version of a signed run of links of a chain (chain-links endpoint). */
export const CHAIN_LINKS_FORMAT = 'seconded-chain-links/1';

/** How far a request's time may be from the witness's clock: a replayed old request is refused. */
export const WITNESS_REQUEST_WINDOW_MS = 5 * 60_000;
/** The most links one fetch of a chain's links returns; the witness asks again for the rest. */
export const CHAIN_LINKS_PAGE = 1000;

const joined = (fields: readonly (string | number)[]) =>
  fields.map((v) => JSON.stringify(v)).join('\n');

/**
 * What the sending server signs: the head's own signed text, from which origin to which
 * witness, and when, so that the request cannot be replayed to another witness or later (an old
 * head replayed would otherwise look like a chain gone backwards).
 */
export const witnessRequestText = (r: {
  head: SignedChainHead;
  from: string;
  to: string;
  at: string;
}) => joined([WITNESS_REQUEST_FORMAT, r.from, r.to, r.at, chainHeadText(r.head), r.head.signature]);

/**
 * What the witness signs: its own origin, the origin whose head it is, the head (its signed
 * text and signature) and when it saw it. The sender keeps this as proof that the witness saw
 * that head; anyone holding it can show the head was published.
 */
export const witnessedHeadText = (w: {
  witness: string;
  origin: string;
  head: SignedChainHead;
  witnessedAt: string;
}) =>
  joined([
    WITNESSED_HEAD_FORMAT,
    w.witness,
    w.origin,
    w.witnessedAt,
    chainHeadText(w.head),
    w.head.signature,
  ]);

/** One link of a chain: an entry's number, the hash it points back at, and its own hash. */
export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** What the server signs when it serves links of a chain: whose chain, and the links in order. */
export const chainLinksText = (s: {
  origin: string;
  organisationId: string;
  links: readonly ChainLink[];
}) =>
  joined([
    CHAIN_LINKS_FORMAT,
    s.origin,
    s.organisationId,
    ...s.links.map((l) => `${l.seq} ${l.prevHash} ${l.hash}`),
  ]);

/** Why a witness refuses a head; each is kept as an alert about the peer. */
export type WitnessRefusal =
  | { readonly code: 'bad-signature'; readonly seq: number; readonly reason: string }
  | { readonly code: 'went-back'; readonly seq: number; readonly reason: string }
  | { readonly code: 'rewritten'; readonly seq: number; readonly reason: string }
  | { readonly code: 'does-not-extend'; readonly seq: number; readonly reason: string };

/**
 * Whether `next` extends `seen`, the last head witnessed of the same chain, given the links from
 * entry `seen.seq + 1` to `next.seq` as the server now serves them: the number may not go back,
 * the same number must have the same hash, and the first link must point at `seen.hash`, each
 * next one at the one before, the last being `next.hash`. A chain rewritten below `seen.seq`
 * cannot pass: its entry `seen.seq` no longer has the hash the witness holds.
 */
export function checkExtends(
  seen: { seq: number; hash: string } | null,
  next: { seq: number; hash: string },
  links: readonly ChainLink[],
): WitnessRefusal | null {
  if (!seen) return null;
  if (next.seq < seen.seq) {
    return {
      code: 'went-back',
      seq: next.seq,
      reason: `the head went back from entry ${seen.seq} to entry ${next.seq}`,
    };
  }
  if (next.seq === seen.seq) {
    return next.hash === seen.hash
      ? null
      : {
          code: 'rewritten',
          seq: seen.seq,
          reason: `entry ${seen.seq}'s hash is now ${next.hash}, it was witnessed as ${seen.hash}`,
        };
  }
  let prev = seen.hash;
  let expected = seen.seq + 1;
  for (const link of links) {
    if (link.seq !== expected || link.prevHash !== prev) {
      return {
        code: link.seq === seen.seq + 1 && link.prevHash !== prev ? 'rewritten' : 'does-not-extend',
        seq: link.seq === seen.seq + 1 ? seen.seq : link.seq,
        reason:
          link.seq !== expected
            ? `the links skip from entry ${expected - 1} to entry ${link.seq}`
            : link.seq === seen.seq + 1
              ? `entry ${link.seq} does not point at entry ${seen.seq} as witnessed (${seen.hash}): the chain was rewritten at or before entry ${seen.seq}`
              : `entry ${link.seq} does not point at entry ${link.seq - 1}`,
      };
    }
    prev = link.hash;
    expected += 1;
  }
  if (expected - 1 !== next.seq || prev !== next.hash) {
    return {
      code: 'does-not-extend',
      seq: next.seq,
      reason: `the links end at entry ${expected - 1}, not at the head's entry ${next.seq} with its hash`,
    };
  }
  return null;
}

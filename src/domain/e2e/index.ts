/**
 * Seconded's end-to-end verifiable ballots (docs/e2e-protocol.md, version `seconded-e2e-1`): the
 * pure cryptographic core shared by the server, the voter's and the trustees' pages (bundled for
 * the browser), and the CLI. Belenios's protocol (Glondu, Belenios specification) over
 * ristretto255 (RFC 9496), with strong Fiat–Shamir (Bernhard, Pereira, Warinschi 2012).
 * Every refusal is a DomainError PROOF_REFUSED whose message names the item that fails.
 * The other files of this folder are internal: import from here.
 */
export type { Ciphertext, EncryptedBallot, BallotShape } from './ballot.ts';
export { encryptBallot, checkBallot, tracker, weightedTotal, auditBallot } from './ballot.ts';
export type { Board, BoardEvent, BoardEventType } from './board.ts';
export { canonicalJson, digest, nextEvent, newPseudonym } from './board.ts';
export type { E2eStage, KeyHolderDuty, Progress, ProgressEvent } from './progress.ts';
export { progressOf } from './progress.ts';
export type { Proof } from './proofs.ts';
export type {
  PartialDecryptionPayload,
  SealedShare,
  TrusteeKeyPayload,
  TrusteePolynomialPayload,
  TrusteeVerificationPayload,
} from './trustees.ts';
export {
  checkPolynomial,
  checkTrusteeKey,
  checkVerification,
  electionKey,
  makePolynomial,
  makeTrusteeKey,
  openShares,
} from './trustees.ts';
export { checkPartialDecryption, combine, partialDecrypt } from './count.ts';
export type { EncryptedRanking, RankedShape } from './ranked.ts';
export {
  auditRanking,
  checkRanking,
  checkRankedShape,
  encodeRanking,
  encryptRanking,
  MAX_RANKED_CANDIDATES,
  rankingFromPreferences,
  readRanking,
} from './ranked.ts';
export type { MixDecryptionPayload } from './mix-count.ts';
export { checkMixDecryption, combineRankings, partialDecryptMix } from './mix-count.ts';
export type { BallotTerms } from './running-total.ts';
export { addToTotal, ballotTerms, totalOf } from './running-total.ts';

/** 64 lowercase hex digits: a canonical ristretto255 encoding, never the identity. */
export type PointHex = string;
/** 64 lowercase hex digits: a 32-byte little-endian scalar below ℓ. */
export type ScalarHex = string;
export type { MixBallot, ShuffleProof } from './shuffle.ts';
export { checkShuffle } from './shuffle.ts';
export type { ShufflePayload } from './mixnet.ts';

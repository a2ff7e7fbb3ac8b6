/** The addresses of the witnessed-chain endpoints (docs/witnessed-chains.md), one place. */

export const WITNESS_HEADS_PATH = '/chain-witness/heads';
export const WITNESS_LINKS_PATH = '/chain-witness/links/:organisationId';

export const viewWitnessedHeadsUrl = (witness: string, origin: string) =>
  `${witness}${WITNESS_HEADS_PATH}?origin=${encodeURIComponent(origin)}`;

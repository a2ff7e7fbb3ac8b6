/** The addresses of the witnessed-chain endpoints (docs/witnessed-chains.md), one place. */

export const WITNESS_HEADS_PATH = '/chain-witness/heads';
export const WITNESS_LINKS_PATH = '/chain-witness/links/:org';

export const chainLinksUrl = (origin: string, organisationSlug: string, from: number, to: number) =>
  `${origin}/chain-witness/links/${encodeURIComponent(organisationSlug)}?from=${from}&to=${to}`;

export const viewWitnessedHeadsUrl = (witness: string, origin: string) =>
  `${witness}${WITNESS_HEADS_PATH}?origin=${encodeURIComponent(origin)}`;

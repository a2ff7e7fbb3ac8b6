/*
 * The tables of end-to-end verifiable ballots (docs/e2e-protocol.md, migration 0015), part of
 * the Database of schema.ts.
 */

/** The key holders of an end-to-end ballot, numbered 1..n. */
export interface BallotTrusteeTable {
  ballot_id: string;
  trustee: number;
  person_id: string;
}

/** An end-to-end ballot's bulletin board: hash-chained events, `seq` from 0, payload JSON. */
export interface BallotBoardTable {
  ballot_id: string;
  seq: number;
  type: string;
  payload: string;
  hash: string;
}

/** Who each pseudonym of an end-to-end ballot's electorate is, and its weight. */
export interface BallotPseudonymTable {
  ballot_id: string;
  person_id: string;
  pseudonym: string;
  weight: number;
}

/** An end-to-end ballot's weighted total as its ballots are cast (migration 0031). */
export interface BallotRunningTotalTable {
  ballot_id: string;
  /** How many ballots the total holds, and their weight. */
  ballots: number;
  weight: number;
  /** Per choice, α and β in extended coordinates (domain/e2e/running-total.ts). */
  total: string;
}

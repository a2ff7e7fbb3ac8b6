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

/** A slice of a big board event's long list (migration 0041, src/app/ballots/board-slices.ts). */
export interface BallotBoardSliceTable {
  ballot_id: string;
  seq: number;
  field: number;
  slice: number;
  items: string;
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

/** A key holder's shuffle or decryption being handed in in parts (migration 0040). */
export interface BallotUploadTable {
  id: string;
  ballot_id: string;
  trustee: number;
  step: string;
  ballots: number;
  positions: number;
  part_ballots: number;
  created_at: string;
  /** When it last moved (started, a part received); null for one started before 0042. */
  touched_at: string | null;
}

/** One part of an upload, its JSON as checked. */
export interface BallotUploadPartTable {
  upload_id: string;
  part: number;
  body: string;
}

/** The tables of uploads in parts and of big events' slices, part of the Database of schema.ts. */
export interface BallotUploadTables {
  ballot_board_slices: BallotBoardSliceTable;
  ballot_uploads: BallotUploadTable;
  ballot_upload_parts: BallotUploadPartTable;
}

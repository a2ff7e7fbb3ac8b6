import type { BallotKind, BallotState } from '../domain/ballots/ballot.ts';
import type { Threshold } from '../domain/meetings/thresholds.ts';

/** The ballot tables, kept beside schema.ts so each file reads in one sitting. */

export interface BallotTable {
  id: string;
  organisation_id: string;
  body_id: string;
  question: string;
  /** `yes-no` (for, against, abstain), `choice` (one of several), `ranked` (an election). */
  kind: BallotKind;
  /** JSON: the options or candidates, and for elections the seats and method. */
  options: string;
  threshold: Threshold;
  secret: number;
  weighted: number;
  /** draft → open → closed */
  state: BallotState;
  closes_at: string | null;
  opened_at: string | null;
  closed_at: string | null;
  electorate: number;
  /** JSON of the count, once closed. */
  result: string | null;
  /** Hash of the audit entry that sealed the result (null before 0012). */
  result_hash: string | null;
  created_by: string | null;
  created_at: string;
  /** 1: end-to-end verifiable (docs/e2e-protocol.md); `needed` is then t of its n trustees. */
  end_to_end: number;
  needed: number | null;
  /** Numbered paper ballots issued to those present voting on paper (0018): numbered 1..n. */
  papers_issued: number;
  /** JSON PaperCount (domain/ballots/paper.ts): the tellers' count of the papers returned. */
  paper_count: string | null;
  /** When a draft opens by itself (0020); null: opened by hand. */
  opens_at: string | null;
  /** The IANA time zone its times were given in (0020); null: Europe/London. */
  time_zone: string | null;
  /** When the reminder to those who had not voted was queued (0020). */
  reminded_at: string | null;
  /** The body's own motion this ballot of its members decides (0027); null for any other. */
  motion_id: string | null;
}

export interface BallotElectorTable {
  ballot_id: string;
  person_id: string;
  weight: number;
  /** 1: votes on paper in the room (0018), so never online. */
  paper: number;
}

export interface BallotRollTable {
  ballot_id: string;
  person_id: string;
}

export interface BallotBoxTable {
  ballot_id: string;
  id: string;
  choice: string;
  weight: number;
  voter_person_id: string | null;
}

export interface BallotReceiptTable {
  ballot_id: string;
  fingerprint: string;
}

/** A proxy (0023): lodged → withdrawn | refused; for one meeting or one ballot. */
export interface ProxyTable {
  id: string;
  organisation_id: string;
  body_id: string;
  meeting_id: string | null;
  ballot_id: string | null;
  giver_person_id: string;
  holder_person_id: string;
  /** Free text from the giver, shown only to the holder and the secretary. */
  instruction: string | null;
  state: 'lodged' | 'withdrawn' | 'refused';
  refusal_reason: string | null;
  lodged_at: string;
  ended_at: string | null;
}

/** A member of the roll who voted through a proxy (0023): only that, as the roll. */
export interface BallotProxyVoteTable {
  ballot_id: string;
  person_id: string;
}

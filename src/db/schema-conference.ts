import type { AttendanceState, CredentialState } from '../domain/conference/credentials.ts';
import type { SubmissionStatus } from '../domain/conference/outcomes.ts';

/** The conference tables (migration 0024), kept beside schema.ts so each file reads in one sitting. */

export interface ConferenceTable {
  meeting_id: string;
  /** JSON: the sections, each share an exact fraction as "n/d". */
  sections: string;
  /** JSON EntitlementFormula. */
  formula: string;
  /** JSON ConferenceRules: submission window, word limit, deadlines, priorities settings. */
  rules: string;
  /** JSON PrioritiesResult once counted. */
  priorities: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConferenceDelegationTable {
  id: string;
  meeting_id: string;
  body_id: string;
  section: string;
  members: number;
  entitled: number;
  weight: number;
  /** JSON DelegationMakeUp. */
  make_up: string;
  created_at: string;
  updated_at: string;
}

export interface ConferenceSubmissionTable {
  id: string;
  meeting_id: string;
  /** Null for a composite (it has movers, not a sender). */
  delegation_id: string | null;
  kind: 'motion' | 'rule-change' | 'composite';
  title: string;
  /** JSON MotionText. */
  text: string;
  amends_rule: string | null;
  subject: string | null;
  /** JSON Ruling, null until ruled. */
  ruling: string | null;
  recommendation: string | null;
  status: SubmissionStatus;
  composited_into: string | null;
  mover_delegation_id: string | null;
  seconder_delegation_id: string | null;
  /** JSON: the ids of a composite's sources. */
  sources: string | null;
  /** JSON of the card vote's result once decided. */
  result: string | null;
  /** The communication that tells the sending branch each step (migration 0035), if sent from its resolution. */
  communication_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A reference back of parts of the arrangements committee's report (migration 0035). */
export interface ConferenceReferenceBackTable {
  id: string;
  meeting_id: string;
  mover_delegation_id: string | null;
  /** JSON string[]: the submissions whose rulings it would send back. */
  submissions: string;
  status: 'moved' | 'carried' | 'lost';
  decided_by: 'show-of-hands' | 'card-vote' | null;
  created_at: string;
  updated_at: string;
}

export interface ConferencePrioritiesPaperTable {
  meeting_id: string;
  delegation_id: string;
  /** JSON string[]. */
  subjects: string;
  cast_at: string;
}

export interface ConferenceCardVoteTable {
  id: string;
  meeting_id: string;
  submission_id: string;
  threshold: 'simple-majority' | 'two-thirds';
  open: number;
  /** 1: a secret card vote (migration 0030), cast into conference_card_roll and _box. */
  secret: number;
  /** JSON of the count, once closed. */
  result: string | null;
  /** A card vote on a reference back (migration 0035): submission_id is then its first part. */
  reference_back_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConferenceCardCastTable {
  card_vote_id: string;
  delegation_id: string;
  for_votes: number;
  against_votes: number;
  abstain_votes: number;
  cast_by: string | null;
  cast_at: string;
}

export interface ConferenceCredentialTable {
  meeting_id: string;
  person_id: string;
  delegation_id: string;
  code_hash: string;
  state: CredentialState;
  created_at: string;
  updated_at: string;
}

/** A sitting of the conference (migration 0030); the door checks delegates in to each. */
export interface ConferenceSessionTable {
  id: string;
  meeting_id: string;
  title: string;
  starts_at: string;
  /** Delegates who must be in for the session to do business; null: none set. */
  quorum: number | null;
  created_at: string;
  updated_at: string;
}

export interface ConferenceSessionAttendanceTable {
  session_id: string;
  person_id: string;
  state: AttendanceState;
  updated_at: string;
}

/** A secret card vote's roll: that a delegation cast its card, no more. */
export interface ConferenceCardRollTable {
  card_vote_id: string;
  delegation_id: string;
}

/** A secret card vote's box: each section's running totals, no card by itself. */
export interface ConferenceCardBoxTable {
  card_vote_id: string;
  section: string;
  for_votes: number;
  against_votes: number;
  abstain_votes: number;
}

export interface ConferenceTables {
  conference_references_back: ConferenceReferenceBackTable;
  conference_card_roll: ConferenceCardRollTable;
  conference_card_box: ConferenceCardBoxTable;
  conference_sessions: ConferenceSessionTable;
  conference_session_attendance: ConferenceSessionAttendanceTable;
  conference_credentials: ConferenceCredentialTable;
  conferences: ConferenceTable;
  conference_delegations: ConferenceDelegationTable;
  conference_submissions: ConferenceSubmissionTable;
  conference_priorities_papers: ConferencePrioritiesPaperTable;
  conference_card_votes: ConferenceCardVoteTable;
  conference_card_casts: ConferenceCardCastTable;
}

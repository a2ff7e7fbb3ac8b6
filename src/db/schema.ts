import type { Generated } from 'kysely';

/**
 * Kysely table types. Both databases store the same shapes: ids are text (UUIDs made by the
 * app, so no dialect-specific sequences), instants are ISO-8601 text in UTC, calendar dates are
 * `YYYY-MM-DD` text, booleans are 0/1 integers and structured data is JSON text.
 */
export interface Database {
  organisations: OrganisationTable;
  bodies: BodyTable;
  people: PersonTable;
  accounts: AccountTable;
  memberships: MembershipTable;
  standing_orders: StandingOrdersTable;
  audit_events: AuditEventTable;
  sessions: SessionTable;
  tokens: TokenTable;
  ballots: BallotTable;
  ballot_electors: BallotElectorTable;
  ballot_roll: BallotRollTable;
  ballot_box: BallotBoxTable;
  ballot_receipts: BallotReceiptTable;
  nominations: NominationTable;
}

export interface NominationTable {
  id: string;
  ballot_id: string;
  candidate_person_id: string;
  /** The name on the ballot paper, as it was when nominated. */
  candidate_name: string;
  proposer_person_id: string;
  seconder_person_id: string | null;
  created_at: string;
}

export interface BallotTable {
  id: string;
  organisation_id: string;
  body_id: string;
  question: string;
  /** `yes-no` (for, against, abstain), `choice` (one of several), `ranked` (an election). */
  kind: string;
  /** JSON: the options or candidates, and for elections the seats and method. */
  options: string;
  threshold: string;
  secret: number;
  weighted: number;
  /** draft → open → closed */
  state: string;
  closes_at: string | null;
  opened_at: string | null;
  closed_at: string | null;
  electorate: number;
  /** JSON of the count, once closed. */
  result: string | null;
  created_by: string | null;
  created_at: string;
}

export interface BallotElectorTable {
  ballot_id: string;
  person_id: string;
  weight: number;
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

export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface BodyTable {
  id: string;
  organisation_id: string;
  parent_id: string | null;
  slug: string;
  name: string;
  kind: string;
  created_at: string;
}

export interface PersonTable {
  id: string;
  name: string;
  /** Lower-cased; the identity people sign in with and are imported by. */
  email: string;
  created_at: string;
}

export interface AccountTable {
  person_id: string;
  password_hash: string;
  is_site_admin: number;
  created_at: string;
}

export interface MembershipTable {
  id: string;
  body_id: string;
  person_id: string;
  role: string;
  member_number: string | null;
  joined_on: string | null;
  left_on: string | null;
  vote_weight: number | null;
  created_at: string;
}

export interface StandingOrdersTable {
  body_id: string;
  preset: string;
  rules: string;
  updated_at: string;
}

export interface AuditEventTable {
  organisation_id: string;
  seq: number;
  at: string;
  actor_person_id: string | null;
  action: string;
  subject: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database holds no usable session. */
  id_hash: string;
  person_id: string;
  created_at: string;
  expires_at: string;
}

export interface TokenTable {
  /** SHA-256 of the token sent in a link. */
  token_hash: string;
  purpose: string;
  person_id: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type { Generated };

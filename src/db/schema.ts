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
  meetings: MeetingTable;
  agenda_items: AgendaItemTable;
  attendance: AttendanceTable;
  motions: MotionTable;
  amendments: AmendmentTable;
  questions: QuestionTable;
  meeting_events: MeetingEventTable;
  minutes: MinutesTable;
  calendar_feeds: CalendarFeedTable;
  outbox: OutboxTable;
}

export interface MeetingTable {
  id: string;
  organisation_id: string;
  body_id: string;
  title: string;
  starts_at: string;
  location: string | null;
  /** IANA name: the clock notice days and the minutes' times are read in. */
  time_zone: string;
  /** scheduled → open → closed, or cancelled (domain/meetings/meeting.ts). */
  status: string;
  notice_given_at: string | null;
  emergency: number;
  opened_at: string | null;
  closed_at: string | null;
  chair_person_id: string | null;
  /** iCalendar SEQUENCE: bumped when the time, place or status changes. */
  sequence: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgendaItemTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  motion_id: string | null;
  created_at: string;
}

export interface AttendanceTable {
  id: string;
  meeting_id: string;
  person_id: string;
  signed_in_at: string;
  signed_out_at: string | null;
  /** Who signed them in, when not themselves. */
  signed_in_by: string | null;
}

export interface MotionTable {
  id: string;
  organisation_id: string;
  body_id: string;
  meeting_id: string | null;
  title: string;
  /** JSON MotionText as drafted and submitted (clauses with stable ids). */
  text: string;
  /** JSON MotionText with carried amendments incorporated; null before any debate. */
  substantive: string | null;
  /** A copy of state.status, to list by. */
  status: string;
  /** JSON MotionState (domain/meetings/motion.ts). */
  state: string;
  proposer_person_id: string;
  seconder_person_id: string | null;
  created_at: string;
  updated_at: string;
  /** A question of no confidence or of discipline (the standing orders may make it secret). */
  secret_kind: 'no-confidence' | 'discipline' | null;
}

export interface AmendmentTable {
  id: string;
  motion_id: string;
  parent_id: string | null;
  /** The order moved. */
  position: number;
  depth: number;
  /** JSON AmendmentChange: its words now, and as moved. */
  change: string;
  as_moved: string;
  /** As the chair read it out: "In clause 3, delete …". */
  description: string;
  status: string;
  /** JSON MotionState of kind amendment. */
  state: string;
  proposer_person_id: string;
  seconder_person_id: string | null;
  created_at: string;
}

export interface QuestionTable {
  id: string;
  meeting_id: string;
  motion_id: string | null;
  amendment_id: string | null;
  /** A procedural motion's kind, when the question is one. */
  procedural: string | null;
  wording: string;
  /** show-of-hands, roll-call, card */
  mode: string;
  /** put → declared */
  status: string;
  present: number | null;
  members: number | null;
  /** JSON VoteCounts, once voted. */
  counts: string | null;
  /** JSON RecordedVote[] of a roll call or card vote. */
  record: string | null;
  /** JSON QuestionResult. */
  result: string | null;
  /** The declared sentence, with the rule applied. */
  declared: string | null;
  put_at: string;
  declared_at: string | null;
  /** The order questions were put at the meeting: 1, 2, ... */
  seq: number;
}

export interface MeetingEventTable {
  meeting_id: string;
  seq: number;
  at: string;
  /** JSON MeetingEvent (domain/meetings/minutes.ts). */
  event: string;
}

export interface MinutesTable {
  meeting_id: string;
  status: string;
  /** JSON MinutesDocument. */
  document: string;
  approved_at: string | null;
  approved_at_meeting: string | null;
  /** JSON MinutesCorrection[]. */
  corrections: string;
  updated_at: string;
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

/** Mail waiting to be sent, or sent (its text is then erased: it may hold a one-time link). */
export interface OutboxTable {
  id: string;
  to: string;
  subject: string;
  text: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  /** The sender holding this message, and until when: set by a conditional update. */
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
}

/** A person's calendar feed token, stored as its hash. */
export interface CalendarFeedTable {
  person_id: string;
  token_hash: string;
  created_at: string;
}

export type { Generated };

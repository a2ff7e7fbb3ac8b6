import type { Generated } from 'kysely';
import type { ConferenceTables } from './schema-conference.ts';
import type { FederationTables } from './schema-federation.ts';
import type {
  BallotUploadTables,
  BallotBoardTable,
  BallotPseudonymTable,
  BallotRunningTotalTable,
  BallotTrusteeTable,
} from './schema-e2e.ts';
import type { MeetingStatus } from '../domain/meetings/meeting.ts';
import type { Minutes } from '../domain/meetings/minutes.ts';
import type { MotionStatus, SecretKind } from '../domain/meetings/motion.ts';
import type { ProceduralKind } from '../domain/meetings/procedural.ts';
import type { Side } from '../domain/meetings/speakers.ts';
import type { VoteMode } from '../domain/meetings/votes.ts';
import type { BodyKind } from '../domain/names.ts';
import type { Role } from '../domain/organisations/policy.ts';
import type {
  CommunicationKind,
  CommunicationStatus,
} from '../domain/resolutions/communication.ts';
import type {
  ApiTokenTable,
  ExternalSignInTable,
  IdentityProviderTable,
  ServerKeyTable,
  SessionTable,
  SignInFailureTable,
  TokenTable,
} from './auth-tables.ts';

import type {
  BallotBoxTable,
  BallotElectorTable,
  BallotReceiptTable,
  BallotRollTable,
  BallotTable,
  BallotProxyVoteTable,
  ProxyTable,
} from './schema-ballots.ts';

export type {
  ApiTokenTable,
  ExternalSignInTable,
  IdentityProviderTable,
  ServerKeyTable,
  SessionTable,
  SignInFailureTable,
  TokenTable,
};
export type { BallotProxyVoteTable, ProxyTable };
export type {
  BallotBoxTable,
  BallotElectorTable,
  BallotReceiptTable,
  BallotRollTable,
  BallotTable,
};

/**
 * Kysely table types. Both databases store the same shapes: ids are text (UUIDs made by the
 * app, so no dialect-specific sequences), instants are ISO-8601 text in UTC, calendar dates are
 * `YYYY-MM-DD` text, booleans are 0/1 integers and structured data is JSON text. A column holding
 * one of the domain's words (a status, a kind, a role) is typed as the domain's union, so rows
 * come out of src/db typed; every write goes through these types, so nothing else is stored.
 */
export interface Database extends ConferenceTables, FederationTables, BallotUploadTables {
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
  proxies: ProxyTable;
  ballot_proxy_votes: BallotProxyVoteTable;
  ballot_trustees: BallotTrusteeTable;
  ballot_board: BallotBoardTable;
  ballot_pseudonyms: BallotPseudonymTable;
  ballot_running_totals: BallotRunningTotalTable;
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
  projector_links: ProjectorLinkTable;
  outbox: OutboxTable;
  mail_preferences: MailPreferencesTable;
  resolutions: ResolutionTable;
  published_minutes: PublishedMinutesTable;
  communications: CommunicationTable;
  communication_events: CommunicationEventTable;
  adoptions: AdoptionTable;
  publication_settings: PublicationSettingsTable;
  live_channels: LiveChannelTable;
  live_events: LiveEventTable;
  speakers: SpeakerTable;
  data_access: DataAccessTable;
  sign_in_failures: SignInFailureTable;
  api_tokens: ApiTokenTable;
  server_keys: ServerKeyTable;
  identity_providers: IdentityProviderTable;
  external_sign_ins: ExternalSignInTable;
}

/** A carried motion, published (migration 0010-resolutions). */
export interface ResolutionTable {
  id: string;
  organisation_id: string;
  body_id: string;
  motion_id: string;
  meeting_id: string | null;
  /** Unique within the organisation; the address /r/<organisation>/<slug> never changes. */
  slug: string;
  title: string;
  /** JSON MotionText as carried (with any carried amendments). */
  text: string;
  /** The declared sentence, with the rule applied. */
  declared: string;
  /** JSON QuestionResult. */
  result: string;
  passed_at: string;
  /** Set once the body publishes it as a model motion for the bodies below. */
  model_published_at: string | null;
}

export interface PublishedMinutesTable {
  meeting_id: string;
  organisation_id: string;
  body_id: string;
  slug: string;
  title: string;
  published_at: string;
}

/** A resolution delivered to a body (src/domain/resolutions/communication.ts). */
export interface CommunicationTable {
  id: string;
  resolution_id: string;
  /** calls-on | model-motion */
  kind: CommunicationKind;
  /** The "calls on" clause it was delivered for. */
  clause_id: string | null;
  addressee_name: string;
  /** Null for a body elsewhere, named by name only: not deliverable from this server. */
  to_body_id: string | null;
  to_organisation_id: string | null;
  status: CommunicationStatus;
  reason: string | null;
  /** The receiving body's own motion. */
  motion_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommunicationEventTable {
  communication_id: string;
  seq: number;
  at: string;
  status: CommunicationStatus;
  reason: string | null;
  actor_person_id: string | null;
}

export interface AdoptionTable {
  id: string;
  /** The model motion (a resolution published as one). */
  resolution_id: string;
  body_id: string;
  motion_id: string;
  communication_id: string | null;
  created_at: string;
}

export interface PublicationSettingsTable {
  body_id: string;
  resolutions_private: number;
  updated_at: string;
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
  status: MeetingStatus;
  notice_given_at: string | null;
  emergency: number;
  opened_at: string | null;
  closed_at: string | null;
  chair_person_id: string | null;
  /** What members type or scan to sign themselves in (domain/meetings/sign-in-code.ts). */
  sign_in_code: string | null;
  /** Why it was called at short notice under the emergency rule. */
  emergency_reason: string | null;
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
  status: MotionStatus;
  /** JSON MotionState (domain/meetings/motion.ts). */
  state: string;
  proposer_person_id: string;
  seconder_person_id: string | null;
  created_at: string;
  updated_at: string;
  /** A question of no confidence or of discipline (the standing orders may make it secret). */
  secret_kind: SecretKind | null;
  /** The composite motion this one was composited into. */
  composited_into: string | null;
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
  status: MotionStatus;
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
  procedural: ProceduralKind | null;
  wording: string;
  /** show-of-hands, roll-call, card */
  mode: VoteMode;
  /** put → declared */
  status: 'put' | 'declared';
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
  /** A question put to an online secret ballot of those present: that ballot. */
  ballot_id: string | null;
  /** Hash of the audit entry that sealed the declared result (null before 0012). */
  result_hash: string | null;
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
  status: Minutes['status'];
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
  kind: BodyKind;
  created_at: string;
}

export interface PersonTable {
  id: string;
  name: string;
  /** Lower-cased; the identity people sign in with and are imported by. */
  email: string;
  created_at: string;
  /** The language they read Seconded in ('en', 'fr'); null follows the browser. */
  locale: string | null;
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
  role: Role;
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
  /** The one-click address to stop this kind of email (0029), or null for mail always sent. */
  list_unsubscribe: string | null;
}

/** Which emails a person has turned off, and the token of their one-click address (0029). */
export interface MailPreferencesTable {
  person_id: string;
  token: string;
  /** JSON array of MailKind (src/domain/accounts/mail-kinds.ts) turned off. */
  off: string;
  updated_at: string;
}

/** A person's calendar feed token, stored as its hash. */
export interface CalendarFeedTable {
  person_id: string;
  token_hash: string;
  created_at: string;
}

/** A meeting's private projector link: the hash of its token, and who made it. */
export interface ProjectorLinkTable {
  meeting_id: string;
  token_hash: string;
  made_by_person_id: string;
  created_at: string;
}

/**
 * One look at members' personal data by someone: a body's register (`body_id`), or one person's
 * details (`person_id`). Nothing else: no address, no copy of what was seen.
 */
export interface DataAccessTable {
  id: string;
  at: string;
  viewer_person_id: string;
  /** `register`, `register-export` or `member` */
  kind: 'register' | 'register-export' | 'member';
  body_id: string | null;
  person_id: string | null;
}

export type { Generated };

export interface LiveChannelTable {
  channel: string;
  last_seq: number;
}

/** A live event as followers receive it; the recent ones per channel, for reconnects. */
export interface LiveEventTable {
  channel: string;
  seq: number;
  type: string;
  /** JSON object. */
  data: string;
  at: string;
}

export interface SpeakerTable {
  id: string;
  meeting_id: string;
  /** The motion before the meeting when they asked; null when no motion was before it. */
  motion_id: string | null;
  person_id: string;
  /** 'for' | 'against' | null (a point of order takes no side). */
  side: Side | null;
  point_of_order: number;
  asked_at: string;
  called_at: string | null;
  time_limit_seconds: number | null;
  finished_at: string | null;
  withdrawn_at: string | null;
}

/**
 * The one error type of Seconded. Every refusal the domain or a use case makes carries a stable
 * code; the HTTP layer maps codes to statuses and renders them in one place (src/http/errors.tsx),
 * in the reader's language (src/messages/en.ts and fr.ts have a `refusal.*` sentence per code),
 * and the CLI prints the message. Codes are part of the API: never rename one.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  MALFORMED_FILE: 400,
  NOT_SIGNED_IN: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ALREADY_SET_UP: 409,
  ALREADY_VOTED: 409,
  BALLOT_NOT_OPEN: 409,
  BALLOT_CLOSED: 409,
  NOT_ELIGIBLE: 403,
  NOMINATION_INVALID: 422,
  CONFLICT: 409,
  TOKEN_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_METHOD_OPTION: 422,
  TOO_MANY_REQUESTS: 429,
  SIGN_IN_DELAYED: 429,
  // Meetings, motions and votes (src/domain/meetings): refusals of the rules of procedure.
  NOT_A_MEMBER: 422,
  SECONDER_IS_PROPOSER: 422,
  NOT_PRESENT: 409,
  NOT_SECONDED: 409,
  QUORUM_NOT_MET: 409,
  QUESTION_ALREADY_PUT: 409,
  ILLEGAL_TRANSITION: 409,
  WITHDRAWAL_NEEDS_CONSENT: 409,
  REMIT_NEEDS_MOVER_CONSENT: 409,
  NOTICE_NOT_GIVEN: 409,
  NOTICE_TOO_SHORT: 422,
  SIGN_IN_CODE_UNKNOWN: 404,
  MOTION_DEADLINE_PASSED: 409,
  AMENDMENT_TOO_DEEP: 422,
  AMENDMENT_PENDING: 409,
  NOT_AMENDABLE: 422,
  WORDS_NOT_FOUND: 422,
  WORDS_AMBIGUOUS: 422,
  CASTING_VOTE_NOT_ALLOWED: 409,
  TOO_MANY_VOTES: 422,
  MINUTES_LOCKED: 409,
  AGENDA_ITEM_TAKEN_UP: 409,
  SECRET_BALLOT_REQUIRED: 409,
  // The speakers list (src/domain/meetings/speakers.ts).
  ALREADY_ON_SPEAKERS_LIST: 409,
  NO_ONE_WAITING: 409,
  NO_ONE_SPEAKING: 409,
  // End-to-end verifiable ballots (src/domain/e2e): a proof, an encoding or a share that does not hold.
  PROOF_REFUSED: 422,
  // A key holder's step checked against a board that moved on before it could be appended.
  BOARD_MOVED_ON: 409,
  // Hybrid ballots of those present (src/domain/ballots/paper.ts): paper beside online.
  VOTES_ON_PAPER: 409,
  PAPER_COUNT_TOO_HIGH: 422,
  PAPER_COUNT_MISSING: 409,
  CLOSE_NOT_CONFIRMED: 409,
  // Signing in with an organisation's OpenID provider (src/domain/accounts/identity-provider.ts).
  EXTERNAL_SIGN_IN_FAILED: 401,
  EMAIL_NOT_VERIFIED: 403,
  NO_MEMBER_MATCHED: 403,
  PASSWORD_SIGN_IN_OFF: 403,
  // A communication put to a ballot of the members (issue 16): only plain ballots decide a motion.
  END_TO_END_NOT_AVAILABLE: 422,
  // Proxy votes (src/domain/meetings/proxies.ts), as the standing orders allow them.
  PROXY_NOT_ALLOWED: 409,
  PROXY_LIMIT_REACHED: 409,
  PROXY_DEADLINE_PASSED: 409,
  PROXY_HOLDER_NOT_ELECTOR: 422,
  PROXY_FOR_SELF: 422,
  PROXY_DUPLICATE: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one field of the input, for forms and API clients to point at. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The figures a refusal carries, by code, so that pages can say it in the reader's language
 * without reading them back out of the English message. A code listed here must be thrown with
 * its figures (the constructor's type says so); instants are ISO 8601 strings.
 */
export interface ErrorParams {
  QUORUM_NOT_MET: { present: number; required: number };
  TOO_MANY_VOTES: { entered: number; present: number };
  MOTION_DEADLINE_PASSED: { deadline: string; timeZone?: string };
  SIGN_IN_DELAYED: { seconds: number };
  NOTICE_TOO_SHORT: { required: number; earliest: string };
  PAPER_COUNT_TOO_HIGH: { entered: number; issued: number };
  CLOSE_NOT_CONFIRMED: { notVoted: number; electorate: number };
}

/** The figures of a refusal with this code: none unless ErrorParams lists the code. */
export type ParamsOf<C extends ErrorCode> = C extends keyof ErrorParams ? ErrorParams[C] : never;

type Details<C extends ErrorCode> = C extends keyof ErrorParams
  ? [problems: readonly FieldProblem[], params: ErrorParams[C]]
  : [problems?: readonly FieldProblem[]];

export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly problems: readonly FieldProblem[];
  /** The figures of the refusal (see ErrorParams), for messages in other languages. */
  readonly params: ParamsOf<C> | undefined;

  constructor(code: C, message: string, ...[problems = [], params]: Details<C>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.problems = problems;
    this.params = params as ParamsOf<C> | undefined;
  }

  /** The same refusal in other words (another language), with its code, problems and figures. */
  retold(message: string): DomainError<C> {
    return new DomainError(this.code, message, ...([this.problems, this.params] as Details<C>));
  }
}

/** Small factories so call sites read as the rule they enforce. */
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do that.') =>
  new DomainError('FORBIDDEN', message);
export const invalid = (message: string, problems: readonly FieldProblem[] = []) =>
  new DomainError('VALIDATION_FAILED', message, problems);

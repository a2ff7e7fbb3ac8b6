import { DomainError, invalid } from '../errors.ts';

/**
 * A delegate's credential for a conference: issued to each delegate named, shown at the door as
 * a code (or its QR) on a phone, revoked when a substitute takes their place. Labour Party Rule
 * Book (2024), Chapter 3, Clause I: only delegates credentialed by the party may sit and vote;
 * TUC Congress SO 1 likewise (delegates' credentials issued to the names the union gives).
 *
 *   issued → revoked (final)
 *
 * A conference sits in sessions (the Conference Arrangements Committee's timetable: Sunday
 * afternoon, Monday morning…), and the door checks each delegate in and out of each one:
 *
 *   (not in) → in ⇄ out
 *
 * Those `in` a session are its attendance, and its quorum is read from them.
 */
export const CREDENTIAL_STATES = ['issued', 'revoked'] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

export const ATTENDANCE_STATES = ['in', 'out'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

/**
 * Where a delegate is after the door scans their code for a session: in if they were not, out
 * if they were.
 * @throws DomainError TOKEN_INVALID when the credential has been revoked.
 */
export function scanAtDoor(
  credential: CredentialState,
  attendance: AttendanceState | null,
): AttendanceState {
  if (credential === 'revoked')
    throw new DomainError('TOKEN_INVALID', 'This credential has been revoked.');
  return attendance === 'in' ? 'out' : 'in';
}

/** @throws DomainError ILLEGAL_TRANSITION when it is already revoked. */
export function revoke(state: CredentialState): CredentialState {
  if (state === 'revoked')
    throw new DomainError('ILLEGAL_TRANSITION', 'This credential is already revoked.');
  return 'revoked';
}

/**
 * Whether a session has its quorum: P ≥ q, the delegates checked in against the number its
 * standing orders set (DESIGN.md section 4); a session with none set is always quorate.
 */
export const quorate = (present: number, quorum: number | null) =>
  quorum === null || present >= quorum;

export interface SessionDraft {
  readonly title: string;
  readonly startsAt: string;
  readonly quorum: number | null;
}

/** @throws DomainError VALIDATION_FAILED for a session without a title, a time or a whole quorum. */
export function assertSession(s: SessionDraft): void {
  if (!s.title.trim())
    throw invalid('Give the session a title.', [{ path: 'title', message: 'required' }]);
  if (Number.isNaN(Date.parse(s.startsAt)))
    throw invalid('Give the time the session starts.', [{ path: 'startsAt', message: 'a time' }]);
  if (s.quorum !== null && (!Number.isSafeInteger(s.quorum) || s.quorum < 1))
    throw invalid('A quorum is a whole number of delegates, 1 or more.', [
      { path: 'quorum', message: '1 or more' },
    ]);
}

/**
 * The session the door is checking in now, when the desk does not say: the last to have
 * started, or before any has, the first.
 */
export function currentSession<S extends { readonly startsAt: string }>(
  sessions: readonly S[],
  now: string,
): S | null {
  let current: S | null = sessions[0] ?? null;
  for (const s of sessions) if (Date.parse(s.startsAt) <= Date.parse(now)) current = s;
  return current;
}

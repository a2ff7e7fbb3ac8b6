import type { MeetingStatus } from './meeting.ts';
import { localDate } from './notice.ts';

/**
 * A meeting's sign-in code: what members type on their phones at the door (or scan from the
 * projector as a link) to sign themselves in.
 *
 * **Alphabet.** Six characters from 30: the digits 2–9 and the capital letters without I, L, O
 * and U (Crockford's base-32 leaves out the same letters), so nothing read off a wall can be
 * mistaken for something else (0/O, 1/I/L) and no rude word spells itself (U). 30⁶ is about
 * 729 million codes; with the attempts of each account and address throttled
 * (src/app/meetings/sign-in-by-code.ts) guessing one is hopeless in the life of a meeting.
 *
 * **When it works.** On the day of the meeting (in its time zone) while it is scheduled, so that
 * members arriving early are counted towards the quorum the chair needs to open it, and while it
 * is open; never once it is closed or cancelled. The code alone signs no one in: the member
 * must also be signed in to their account and be a member of the body.
 */

export const SIGN_IN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export const SIGN_IN_CODE_LENGTH = 6;

/**
 * A code from random bytes: each byte below 240 (8 × 30) picks one character without bias,
 * the rest are skipped. Returns null when the bytes ran out first (the caller asks for more).
 */
export function signInCodeFromBytes(bytes: Uint8Array): string | null {
  let code = '';
  for (const byte of bytes) {
    if (byte >= 240) continue;
    code += SIGN_IN_CODE_ALPHABET[byte % 30];
    if (code.length === SIGN_IN_CODE_LENGTH) return code;
  }
  return null;
}

/**
 * What a member typed, as a code: capitals, spaces and dashes dropped; null when it cannot be a
 * code (wrong length, or a character the alphabet does not have).
 */
export function normaliseSignInCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== SIGN_IN_CODE_LENGTH) return null;
  for (const ch of code) if (!SIGN_IN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** A code as shown on the projector and the console: two groups of three, easy to read out. */
export const showSignInCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/** Whether a meeting's code signs members in at `now` (see the module comment). */
export function signInCodeWorks(props: {
  status: MeetingStatus;
  startsAt: string;
  timeZone: string;
  now: string | Date;
}): boolean {
  if (props.status === 'open') return true;
  if (props.status !== 'scheduled') return false;
  return localDate(props.now, props.timeZone) >= localDate(props.startsAt, props.timeZone);
}

/**
 * An email address masked for an attendance list, where two people with the same name and no
 * member number are told apart by it: the secretary recognises `j•••@example.org` without the
 * list showing the address to whoever looks over their shoulder.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/**
 * Sign-in throttling that cannot be turned against a member.
 *
 * Follows the OWASP Authentication Cheat Sheet ("Login Throttling", "Account Lockout"): only
 * failures count, never successful sign-ins, so 200 members signing in from a venue's one
 * address are never refused; failures are counted per account *and* address together, with
 * delays that grow, and never lock an account outright, so a stranger's wrong passwords cannot
 * keep its owner (the chair, before a meeting) out from anywhere else. A second, much larger
 * allowance per address alone slows one address guessing many accounts.
 *
 * Pure rules: the caller stores the failure counts (src/db/queries/sign-in-failures.ts, one
 * table, so every process on PostgreSQL shares them) and passes them in with the time.
 */

/** A stored count of failed sign-ins under one key, and when the last one happened. */
export interface FailureCount {
  readonly failures: number;
  readonly lastFailureAt: Date;
}

/** What one key allows before delays start. */
export interface Allowance {
  readonly free: number;
}

/** Wrong passwords for one account from one address before the first delay: typos are free. */
export const PER_ACCOUNT_AND_ADDRESS: Allowance = { free: 5 };
/**
 * Failures from one address, over all accounts, before delays start. A venue of 200 members
 * mistyping now and then stays far below it; one address trying a list of accounts does not.
 */
export const PER_ADDRESS: Allowance = { free: 100 };

/** The delay doubles from one second with each failure past the allowance, up to this. */
export const LONGEST_DELAY_MS = 15 * 60_000;
/** A count with no failure for this long is forgotten; the next failure starts again at one. */
export const FORGET_AFTER_MS = 60 * 60_000;

/** Whether a count is too old to matter at `now`. */
export const isForgotten = (count: FailureCount, now: Date): boolean =>
  now.getTime() - count.lastFailureAt.getTime() >= FORGET_AFTER_MS;

/**
 * Until when a further attempt under this key must wait, or null when it may go ahead: after the
 * allowance, 1 s, 2 s, 4 s … after the last failure, never more than LONGEST_DELAY_MS.
 */
export function heldUntil(
  count: FailureCount | undefined,
  allowance: Allowance,
  now: Date,
): Date | null {
  if (!count || isForgotten(count, now)) return null;
  const past = count.failures - allowance.free;
  if (past < 0) return null;
  const delay = Math.min(LONGEST_DELAY_MS, 1000 * 2 ** Math.min(past, 30));
  const until = new Date(count.lastFailureAt.getTime() + delay);
  return until > now ? until : null;
}

/**
 * The address under which failures are counted. IPv4 addresses (also IPv4-mapped IPv6) count
 * one by one; an IPv6 address counts by its /64, since one household or phone is handed a
 * whole /64 and could otherwise change address for every guess (RFC 6177, RFC 8981).
 */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const hextets = expandIpv6(address.split('%')[0]!);
  return hextets ? `${hextets.slice(0, 4).join(':')}::/64` : address;
}

/** The eight hextets of an IPv6 address, without leading zeros, or null when it is not one. */
function expandIpv6(address: string): string[] | null {
  const halves = address.toLowerCase().split('::');
  if (halves.length > 2) return null;
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((h) => /^[0-9a-f]{1,4}$/.test(h))) return null;
  return all.map((h) => h.replace(/^0+(?=.)/, ''));
}

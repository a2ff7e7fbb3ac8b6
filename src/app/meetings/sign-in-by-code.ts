import { randomBytes } from 'node:crypto';
import {
  addressGroup,
  heldUntil,
  FORGET_AFTER_MS,
  type Allowance,
} from '../../domain/accounts/sign-in-throttle.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  normaliseSignInCode,
  signInCodeFromBytes,
  signInCodeWorks,
} from '../../domain/meetings/sign-in-code.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findMeetingBySignInCode } from '../../db/queries/meetings.ts';
import { isCurrentMember } from '../../db/queries/memberships.ts';
import { findBody } from '../../db/queries/organisations.ts';
import { addFailure, findFailureCounts } from '../../db/queries/sign-in-failures.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, today } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { signInToMeeting } from './sign-in-to-meeting.ts';

/** A code no meeting has yet, for a meeting being called or opened. */
export async function freshSignInCode(db: Db): Promise<string> {
  for (;;) {
    const code = signInCodeFromBytes(randomBytes(16));
    if (code && !(await findMeetingBySignInCode(db, code))) return code;
  }
}

/**
 * Wrong codes one account may type before delays start: a member who mistypes a few times is
 * never held up; one guessing is slowed down (1 s, 2 s, 4 s … up to 15 minutes, as for
 * passwords, src/domain/accounts/sign-in-throttle.ts).
 */
const PER_ACCOUNT: Allowance = { free: 10 };
/** Wrong codes from one address over all accounts: a venue's shared address stays well below. */
const PER_ADDRESS: Allowance = { free: 100 };

/**
 * A member signs themself in to a meeting with the code shown in the room (typed on a phone, or
 * in the link the projector's QR code holds). The code must name a meeting taking sign-ins
 * (domain/meetings/sign-in-code.ts), the person must be signed in to their account and a current
 * member of the meeting's body: a visitor is told plainly they are not a member. Wrong codes are
 * counted per account and per address (in the sign-in failures table, shared by every process)
 * and held back once past the allowance.
 * @throws SIGN_IN_CODE_UNKNOWN, NOT_A_MEMBER, TOO_MANY_REQUESTS, NOT_SIGNED_IN.
 */
export async function signInByCode(
  ctx: AppContext,
  props: { actor: Actor | null; code: string; address: string },
) {
  const actor = signedIn(props.actor, 'Sign in to your account first, then enter the code.');
  const now = ctx.now();
  const keys: [string, Allowance][] = [
    [hashSecret(`meeting code\n${actor.personId}`), PER_ACCOUNT],
    [hashSecret(`meeting code from\n${addressGroup(props.address)}`), PER_ADDRESS],
  ];
  const counts = await findFailureCounts(
    ctx.db,
    keys.map(([key]) => key),
  );
  for (const [key, allowance] of keys) {
    const until = heldUntil(counts.get(key), allowance, now);
    if (until) {
      const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `Too many wrong codes. Wait ${seconds} s, then try again, or ask the secretary to sign you in.`,
      );
    }
  }
  const code = normaliseSignInCode(props.code);
  const meeting = code ? await findMeetingBySignInCode(ctx.db, code) : undefined;
  if (
    !meeting ||
    !signInCodeWorks({
      status: meeting.status,
      startsAt: meeting.starts_at,
      timeZone: meeting.time_zone,
      now,
    })
  ) {
    const at = now.toISOString();
    const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
    await inTransaction(ctx, async (trx) => {
      for (const [key] of keys) await addFailure(trx, key, at, forgetBefore);
    });
    const message = 'No meeting taking sign-ins has that code. Check it on the screen.';
    throw new DomainError('SIGN_IN_CODE_UNKNOWN', message, [{ path: 'code', message }]);
  }
  if (!(await isCurrentMember(ctx.db, meeting.body_id, actor.personId, today(ctx)))) {
    const body = await findBody(ctx.db, meeting.body_id);
    throw new DomainError(
      'NOT_A_MEMBER',
      `You are not a member of ${body?.name ?? 'this body'}, so you cannot sign in to its ` +
        'meeting. If you think you are, ask the secretary.',
    );
  }
  const { quorum } = await signInToMeeting(ctx, { actor, meetingId: meeting.id });
  return { meetingId: meeting.id, quorum };
}

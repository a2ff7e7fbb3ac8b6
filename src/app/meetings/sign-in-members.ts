import { quorumOf } from './meeting-support.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext } from '../common/context.ts';
import { stepAtMeeting } from './meeting-step.ts';
import { recordSignIns } from './record-sign-ins.ts';

/** At most this many in one go: a full hall's worth, and a bound on one transaction. */
export const MOST_SIGNED_IN_AT_ONCE = 1000;

/**
 * The secretary (chair, admin) signs in many members at once, ticked on the attendance list:
 * in one transaction, so either all of them are signed in or, when one cannot be (not a member
 * of the body, the meeting closed), none is. Those already present are left as they are. Each
 * gets its own audit entry (record-sign-ins.ts). Returns how many were signed in and the quorum
 * line as it now stands.
 */
export async function signInMembers(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personIds: readonly string[] },
) {
  if (!props.personIds.length) {
    throw invalid('Tick the members to sign in.', [
      { path: 'personIds', message: 'Tick at least one member.' },
    ]);
  }
  if (props.personIds.length > MOST_SIGNED_IN_AT_ONCE) {
    throw invalid(`Sign in at most ${MOST_SIGNED_IN_AT_ONCE} members at once.`, [
      { path: 'personIds', message: 'Too many at once.' },
    ]);
  }
  return stepAtMeeting(
    ctx,
    { actor: props.actor, meetingId: props.meetingId, may: 'body.runMeetings' },
    async (trx, scope) => {
      const { scope: after, added } = await recordSignIns(
        trx,
        ctx,
        scope,
        props.actor,
        props.personIds,
      );
      return {
        signedIn: added.length,
        quorum: quorumOf(after),
      };
    },
    ({ quorum }) => ({ type: 'attendance', data: { ...quorum } }),
  );
}

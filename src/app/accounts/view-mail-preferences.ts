import { MAIL_KINDS } from '../../domain/accounts/mail-kinds.ts';
import { findPerson } from '../../db/queries/people.ts';
import { type AppContext } from '../common/context.ts';
import { mailPreferencesByToken } from './mail-preferences-support.ts';

/**
 * The email settings a one-click address opens, without signing in: whose they are (first name
 * only: the link may be forwarded) and which kinds of email are on.
 */
export async function viewMailPreferences(ctx: AppContext, props: { token: string }) {
  const prefs = await mailPreferencesByToken(ctx.db, props.token);
  const person = await findPerson(ctx.db, prefs.personId);
  return {
    firstName: (person?.name ?? '').split(/\s+/)[0] ?? '',
    kinds: MAIL_KINDS.map((kind) => ({ kind, on: !prefs.off.includes(kind) })),
  };
}

export type MailPreferencesView = Awaited<ReturnType<typeof viewMailPreferences>>;

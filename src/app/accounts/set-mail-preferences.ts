import { MAIL_KINDS, type MailKind } from '../../domain/accounts/mail-kinds.ts';
import { updateMailKindsOff } from '../../db/queries/mail-preferences.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailPreferencesByToken } from './mail-preferences-support.ts';

/**
 * Saves which kinds of email a person gets, from their settings page: `on` lists the kinds they
 * want, every other kind is turned off. `stop` turns off one kind and keeps the others as they
 * were (the one-click address of RFC 8058, which a mail program posts without a form).
 */
export async function setMailPreferences(
  ctx: AppContext,
  props: { token: string } & ({ on: readonly MailKind[] } | { stop: MailKind }),
) {
  return inTransaction(ctx, async (trx) => {
    const prefs = await mailPreferencesByToken(trx, props.token);
    const off =
      'stop' in props
        ? MAIL_KINDS.filter((k) => k === props.stop || prefs.off.includes(k))
        : MAIL_KINDS.filter((k) => !props.on.includes(k));
    await updateMailKindsOff(trx, prefs.personId, off, isoNow(ctx));
    return { off };
  });
}

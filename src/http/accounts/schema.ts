import { z } from '@hono/zod-openapi';
import { API_SCOPES } from '../../domain/accounts/api-tokens.ts';
import { action, field, formTick, type FormFields } from '../action.ts';

/**
 * What people send about their account: signing in and out, the first administrator, accepting
 * an invitation, resetting a password, choosing a language. One schema per action, read by the
 * JSON route and the HTML form alike (src/http/action.ts). The use cases judge the values (a
 * password long enough, an address that is one); the schemas only bound their size.
 */

const Email = z.string().max(320);
const Password = z.string().max(1000);
const Secret = z.string().min(1).max(100);

/** Each named field as sent, or empty: a field left out is judged by the use case like a blank one. */
const textFields =
  (...names: string[]) =>
  (f: FormFields) =>
    Object.fromEntries(names.map((name) => [name, field(f, name) ?? '']));

/** Signing in with an email address and password. */
export const SignIn = action('SignIn', z.object({ email: Email, password: Password }), {
  fromForm: textFields('email', 'password'),
});

/** Signing out of this session (nothing to send). */
export const SignOut = action('SignOut', z.object({}));

/** Creating the first administrator with the one-time setup link printed at start. */
export const SetUpFirstAdmin = action(
  'FirstAdministrator',
  z.object({ secret: Secret, name: z.string().max(200), email: Email, password: Password }),
  { fromForm: textFields('secret', 'name', 'email', 'password') },
);

/** Accepting an emailed invitation: a password (and the name, if it needs correcting). */
export const AcceptInvitation = action(
  'InvitationAcceptance',
  z.object({ secret: Secret, name: z.string().max(200).default(''), password: Password }),
  { fromForm: textFields('secret', 'name', 'password') },
);

/** Asking for a password reset link by email. */
export const RequestPasswordReset = action('PasswordResetRequest', z.object({ email: Email }), {
  fromForm: textFields('email'),
});

/** Setting a new password with an emailed reset link. */
export const ResetPassword = action(
  'PasswordReset',
  z.object({ secret: Secret, password: Password }),
  { fromForm: textFields('secret', 'password') },
);

/** Choosing the language of the pages and mail: one of ours, or null for the browser's. */
export const ChooseLanguage = action(
  'LanguageChoice',
  z.object({ locale: z.string().max(35).nullable() }),
  { fromForm: (f) => ({ locale: field(f, 'locale') || null }) },
);

/** Making a personal API token: its name and the scopes it allows (read is always allowed). */
export const MakeApiToken = action(
  'ApiTokenRequest',
  z.object({
    name: z.string().max(200),
    scopes: z.array(z.enum(API_SCOPES)).max(API_SCOPES.length).default(['read']),
  }),
  {
    fromForm: (f) => ({
      name: field(f, 'name') ?? '',
      scopes: API_SCOPES.filter((s) => formTick(field(f, `scope.${s}`))),
    }),
  },
);

/** Revoking one of my API tokens (nothing to send). */
export const RevokeApiToken = action('ApiTokenRevocation', z.object({}));

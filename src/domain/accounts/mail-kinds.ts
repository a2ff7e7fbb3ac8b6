/**
 * The emails a member may turn off, each a kind of its own so that stopping one (the reminders
 * of ballots, say) keeps the others. Invitations and password resets are not among them: they
 * answer something the person (or their secretary) asked for, and are always sent.
 */
export const MAIL_KINDS = ['meetings', 'ballots', 'communications'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const isMailKind = (value: unknown): value is MailKind =>
  typeof value === 'string' && (MAIL_KINDS as readonly string[]).includes(value);

/** The kinds turned off, read from what was stored: unknown or repeated entries are dropped. */
export function kindsOff(stored: unknown): MailKind[] {
  if (!Array.isArray(stored)) return [];
  return MAIL_KINDS.filter((kind) => stored.includes(kind));
}

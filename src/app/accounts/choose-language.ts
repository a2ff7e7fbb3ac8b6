import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { setPersonLocale } from '../../db/queries/people.ts';
import { type AppContext, inTransaction } from '../common/context.ts';

/**
 * A person chooses the language Seconded shows them its pages in, or goes back to their
 * browser's (null). A preference about oneself, not a decision: no audit entry.
 */
export async function chooseLanguage(
  ctx: AppContext,
  props: { actor: Actor | null; locale: string | null; offered: readonly string[] },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  if (props.locale !== null && !props.offered.includes(props.locale))
    throw invalid('Choose one of the languages offered.', [
      { path: 'locale', message: 'Not a language Seconded is offered in.' },
    ]);
  const personId = props.actor.personId;
  await inTransaction(ctx, (trx) => setPersonLocale(trx, personId, props.locale));
}

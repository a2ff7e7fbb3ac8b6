import { lookUpRemoteBody } from '../../app/federation/look-up-remote-body.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import type { HttpOptions } from '../env.ts';

/**
 * The editor's Look up button (issue 19): before the text is saved, the body elsewhere that
 * clause `lookup` names by handle or URL is looked up (lookUpRemoteBody), so the saved clause
 * keeps the actor found and the page shows its name and server. A refusal is put beside that
 * clause's field, and nothing is saved.
 */
export async function lookUpClause(
  { ctx, federation }: HttpOptions,
  props: {
    actor: Actor | null;
    motionId: string;
    clauses: readonly {
      kind: string;
      bodyId?: string | undefined;
      bodyName?: string | undefined;
    }[];
    lookup: number | undefined;
  },
) {
  const clause = props.lookup === undefined ? undefined : props.clauses[props.lookup];
  if (!clause || clause.kind !== 'calls-on' || clause.bodyId) return;
  try {
    await lookUpRemoteBody(ctx, {
      actor: props.actor,
      motionId: props.motionId,
      address: clause.bodyName ?? '',
      find: federation?.findActor ?? null,
    });
  } catch (error) {
    if (!(error instanceof DomainError) || !error.problems.some((p) => p.path === 'address')) {
      throw error;
    }
    const path = `clauses.${props.lookup}.bodyName`;
    throw new DomainError(
      error.code as 'VALIDATION_FAILED',
      error.message,
      error.problems.map((p) => ({ ...p, path })),
    );
  }
}

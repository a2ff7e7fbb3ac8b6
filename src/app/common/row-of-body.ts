import { newId } from './secrets.ts';

/** The columns a body's own records (ballots, meetings, motions) carry besides their own. */
export interface RowOfBody {
  readonly id: string;
  readonly organisation_id: string;
  readonly body_id: string;
  readonly created_at: string;
}

/**
 * A new record of a body: a fresh id, the body and its organisation (every audit event and
 * every listing is scoped by them), and the moment it was made.
 */
export function newRowOfBody(body: { id: string; organisation_id: string }, at: string): RowOfBody {
  return { id: newId(), organisation_id: body.organisation_id, body_id: body.id, created_at: at };
}

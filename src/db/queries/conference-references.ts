import type { Db } from '../database.ts';
import { readJson } from '../json.ts';
import type { ConferenceReferenceBackTable } from '../schema-conference.ts';

/** Conference queries of migration 0035: references back, and the card counts of a conference. */

/** A reference back of parts of the committee's report (migration 0035). */
export interface ReferenceBackRecord {
  readonly id: string;
  readonly meetingId: string;
  readonly moverDelegationId: string | null;
  readonly submissions: readonly string[];
  readonly status: ConferenceReferenceBackTable['status'];
  readonly decidedBy: ConferenceReferenceBackTable['decided_by'];
  readonly createdAt: string;
}

const referenceBackOf = (r: ConferenceReferenceBackTable): ReferenceBackRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  moverDelegationId: r.mover_delegation_id,
  submissions: readJson<string[]>(r.submissions),
  status: r.status,
  decidedBy: r.decided_by,
  createdAt: r.created_at,
});

export const insertReferenceBack = (db: Db, row: ConferenceReferenceBackTable) =>
  db.insertInto('conference_references_back').values(row).execute();

export async function findReferenceBack(db: Db, id: string) {
  const row = await db
    .selectFrom('conference_references_back')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? referenceBackOf(row) : null;
}

export async function listReferencesBack(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom('conference_references_back')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(referenceBackOf);
}

/** Decides a reference back still moved; false if it was decided already. */
export async function decideReferenceBackRow(
  db: Db,
  id: string,
  patch: Pick<ConferenceReferenceBackTable, 'status' | 'decided_by' | 'updated_at'>,
) {
  const r = await db
    .updateTable('conference_references_back')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'moved')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const markReferenceBackCardVote = (db: Db, id: string, at: string) =>
  db
    .updateTable('conference_references_back')
    .set({ decided_by: 'card-vote', updated_at: at })
    .where('id', '=', id)
    .execute();

/**
 * For each card vote of a conference, how many cards are in (from the casts of an open vote and
 * the roll of a secret one) and whether `delegationId` has cast: two grouped queries, not two per
 * vote.
 */
export async function cardCountsOfMeeting(db: Db, meetingId: string, delegationId: string | null) {
  const mine = delegationId ?? '';
  // The casts of an open vote and the roll of a secret one share the two columns read here.
  const countsIn = (table: 'conference_card_casts' | 'conference_card_roll') =>
    db
      .selectFrom(`${table} as c` as 'conference_card_casts as c')
      .innerJoin('conference_card_votes as v', 'v.id', 'c.card_vote_id')
      .where('v.meeting_id', '=', meetingId)
      .select((eb) => [
        'c.card_vote_id',
        eb.fn.countAll<number>().as('cards'),
        eb.fn
          .sum<number>(eb.case().when('c.delegation_id', '=', mine).then(1).else(0).end())
          .as('mine'),
      ])
      .groupBy('c.card_vote_id')
      .execute();
  const [casts, roll] = await Promise.all([
    countsIn('conference_card_casts'),
    countsIn('conference_card_roll'),
  ]);
  const counts = new Map<string, { cards: number; mine: boolean }>();
  for (const r of [...casts, ...roll])
    counts.set(r.card_vote_id, { cards: Number(r.cards), mine: Number(r.mine) > 0 });
  return counts;
}

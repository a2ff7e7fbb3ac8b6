import type { Db } from '../database.ts';

/*
 * Where closed end-to-end elections stand, for a list of ballots (a body's ballots page): how
 * many shuffles and decryptions each board holds and how many key holders it has, counted
 * without reading the events' payloads (a shuffle's is megabytes).
 */

export interface BoardSteps {
  readonly shuffles: number;
  readonly decryptions: number;
  readonly trustees: number;
}

export async function countBoardSteps(
  db: Db,
  ballotIds: readonly string[],
): Promise<Map<string, BoardSteps>> {
  const steps = new Map<string, { shuffles: number; decryptions: number; trustees: number }>();
  if (ballotIds.length === 0) return steps;
  for (const id of ballotIds) steps.set(id, { shuffles: 0, decryptions: 0, trustees: 0 });
  const [events, trustees] = await Promise.all([
    db
      .selectFrom('ballot_board')
      .select((eb) => ['ballot_id', 'type', eb.fn.count<number | string>('seq').distinct().as('n')])
      .where('ballot_id', 'in', [...ballotIds])
      .where('type', 'in', ['shuffle', 'partial-decryption'])
      .groupBy(['ballot_id', 'type'])
      .execute(),
    db
      .selectFrom('ballot_trustees')
      .select((eb) => ['ballot_id', eb.fn.countAll<number | string>().as('n')])
      .where('ballot_id', 'in', [...ballotIds])
      .groupBy('ballot_id')
      .execute(),
  ]);
  for (const e of events) {
    const s = steps.get(e.ballot_id)!;
    if (e.type === 'shuffle') s.shuffles = Number(e.n);
    else s.decryptions = Number(e.n);
  }
  for (const t of trustees) steps.get(t.ballot_id)!.trustees = Number(t.n);
  return steps;
}

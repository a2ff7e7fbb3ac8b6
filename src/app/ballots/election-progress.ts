import { countBoardSteps } from '../../db/queries/ballot-progress.ts';
import type { AppContext } from '../common/context.ts';

/** Where a closed, not yet counted, end-to-end election stands: its key holders' steps. */
export interface ElectionProgress {
  readonly shuffles: number;
  readonly decryptions: number;
  readonly trustees: number;
  readonly needed: number;
}

/**
 * For a list of ballots the reader may already see (listBallots'), where each closed end-to-end
 * election waiting on its key holders stands (docs/mixnet-protocol.md section 4: each shuffles in
 * turn, then `needed` of them decrypt), by ballot id; the others are not in it.
 */
export async function electionProgress(
  ctx: AppContext,
  ballots: readonly {
    id: string;
    kind: string;
    state: string;
    endToEnd: boolean;
    result: unknown;
    needed: number | null;
  }[],
): Promise<Map<string, ElectionProgress>> {
  const waiting = ballots.filter(
    (b) => b.endToEnd && b.kind === 'ranked' && b.state === 'closed' && !b.result,
  );
  const steps = await countBoardSteps(
    ctx.db,
    waiting.map((b) => b.id),
  );
  return new Map(
    waiting.map((b) => [b.id, { ...steps.get(b.id)!, needed: b.needed ?? 0 }] as const),
  );
}

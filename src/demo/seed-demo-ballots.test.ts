import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { seedDemo } from './seed-demo.ts';
import { readBoard } from '../app/ballots/board.ts';

// Each test seeds the whole demo, which takes well over the default 30 s on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

describeEachDatabase('the demo', (database) => {
  it('leaves a finished election with its count published', async () => {
    const ctx = testContext(database());
    await seedDemo(ctx);
    const ballot = await ctx.db
      .selectFrom('ballots')
      .selectAll()
      .where('question', '=', 'Delegate to the annual conference')
      .executeTakeFirstOrThrow();
    expect(ballot.state).toBe('closed');
    const result = JSON.parse(ballot.result!) as {
      kind: string;
      votes: number;
      count: { winners: number[] };
    };
    expect(result).toMatchObject({ kind: 'ranked', votes: 31 });
    expect(result.count.winners).toHaveLength(1);
  });

  it('leaves a counted end-to-end ballot whose board chains to its result', async () => {
    const ctx = testContext(database());
    await seedDemo(ctx);
    const ballot = await ctx.db
      .selectFrom('ballots')
      .selectAll()
      .where('end_to_end', '=', 1)
      .executeTakeFirstOrThrow();
    expect(ballot.state).toBe('closed');
    expect(JSON.parse(ballot.result!)).toMatchObject({ kind: 'yes-no', votes: 7 });
    const board = await readBoard(ctx.db, ballot.id);
    expect(board.events.filter((e) => e.type === 'ballot')).toHaveLength(7);
    expect(board.events.at(-1)?.type).toBe('result');
  });
});

/**
 * Issue 5, "done when": the server is killed with SIGKILL while 10,000 ballots are being cast,
 * restarted on the same database, and every vote it acknowledged is found in the count.
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { choiceFor, openBallotWithVoters, type Voter } from '../bench/ballots.ts';
import type { AppContext } from '../src/app/common/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { DIALECTS, freshDatabase } from './databases.ts';
import { testContext } from './factories.ts';
import { exited, startServerProcess } from './server-process.ts';

const VOTERS = 10_000;
const CLIENTS = 50;
const KILL_AFTER = 3_000;

type Outcome = 'recorded' | 'already-voted';

for (const dialect of DIALECTS) {
  describe(`casting through a crash [${dialect}]`, () => {
    const children: ChildProcess[] = [];
    const closers: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const child of children.splice(0)) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited(child);
      }
      for (const close of closers.splice(0)) await close();
    });

    it('loses no acknowledged vote and counts nobody twice when the server is killed mid-ballot', async () => {
      const started = Date.now();
      const open = await freshDatabase(dialect, { onDisk: true });
      // Real time: the server checks sessions and closing times against the real clock.
      const ctx: AppContext = testContext(open, { now: () => new Date() });
      const { ballotId, adminToken, voters, electorate } = await openBallotWithVoters(ctx, VOTERS);
      expect(electorate).toBe(VOTERS);
      // On SQLite the server is then the only one with the file open; PostgreSQL's schema is
      // kept (and dropped at the end) through our handle.
      if (dialect === 'sqlite') await open.close();
      else closers.push(() => open.close());

      const receipts = new Map<number, string>(); // voter index → receipt, for every 201
      const outcome = new Map<number, Outcome>();
      const unexpected = new Map<string, number>();
      let inFlight = 0; // requests the kill left without an answer

      /**
       * Casts the ballots of `indexes` from CLIENTS clients; stops handing out work once the
       * server is gone. Returns the indexes whose request got no answer.
       */
      async function castAll(url: string, indexes: number[], onRecorded?: () => void) {
        let next = 0;
        let down = false;
        const unanswered: number[] = [];
        await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            while (next < indexes.length && !down) {
              const i = indexes[next++]!;
              const voter: Voter = voters[i]!;
              let res: Response;
              let body: { receipt?: string; error?: string };
              try {
                res = await fetch(`${url}/api/v1/ballots/${ballotId}/votes`, {
                  method: 'POST',
                  headers: {
                    'content-type': 'application/json',
                    cookie: `seconded_session=${voter.token}`,
                  },
                  body: JSON.stringify({ choice: choiceFor(i) }),
                });
                body = (await res.json()) as typeof body;
              } catch {
                // No answer: the vote may or may not have been committed. Never acknowledged.
                down = true;
                unanswered.push(i);
                continue;
              }
              if (res.status === 201 && body.receipt) {
                receipts.set(i, body.receipt);
                outcome.set(i, 'recorded');
                onRecorded?.();
              } else if (res.status === 409 && body.error === 'ALREADY_VOTED') {
                outcome.set(i, 'already-voted');
              } else {
                const key = `${res.status} ${body.error}`;
                unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
                unanswered.push(i);
              }
            }
          }),
        );
        inFlight += unanswered.length;
        // Whatever was not handed out before the crash was never sent.
        return [...unanswered, ...indexes.slice(next)];
      }

      // First run: kill the server once KILL_AFTER votes have been acknowledged.
      const first = startServerProcess(open.env);
      children.push(first.child);
      let acknowledged = 0;
      const everyone = Array.from({ length: VOTERS }, (_, i) => i);
      const remaining = await castAll(await first.url, everyone, () => {
        // A moment later, at random: sometimes between a commit and its answers.
        if (++acknowledged === KILL_AFTER)
          setTimeout(() => first.child.kill('SIGKILL'), Math.random() * 20);
      });
      await exited(first.child);
      expect(first.child.signalCode).toBe('SIGKILL');
      const beforeKill = receipts.size;
      expect(beforeKill).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(remaining.length).toBeGreaterThan(0);
      expect(unexpected).toEqual(new Map());

      // Second run, same database: everyone not yet answered votes (again).
      const second = startServerProcess(open.env);
      children.push(second.child);
      const secondUrl = await second.url;
      let left = remaining;
      for (let attempt = 0; left.length && attempt < 3; attempt++)
        left = await castAll(secondUrl, left);
      expect(left).toEqual([]);
      expect(unexpected).toEqual(new Map());
      const afterRestart = receipts.size - beforeKill;
      const alreadyVoted = [...outcome.values()].filter((o) => o === 'already-voted').length;

      const admin = {
        'content-type': 'application/json',
        cookie: `seconded_session=${adminToken}`,
      };
      const closed = await fetch(`${secondUrl}/api/v1/ballots/${ballotId}/close`, {
        method: 'POST',
        headers: admin,
      });
      expect(closed.status).toBe(200);
      const { result } = (await closed.json()) as {
        result: { votes: number; for: number; against: number; abstain: number };
      };

      // Every acknowledged receipt is in the box and counted (checked by its own voter).
      let found = 0;
      const entries = [...receipts];
      let k = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (k < entries.length) {
            const [i, receipt] = entries[k++]!;
            const res = await fetch(`${secondUrl}/api/v1/ballots/${ballotId}/receipts/${receipt}`, {
              headers: { cookie: `seconded_session=${voters[i]!.token}` },
            });
            const check = (await res.json()) as { found: boolean; counted: boolean };
            if (check.found && check.counted) found++;
          }
        }),
      );

      // Everyone voted exactly once: acknowledged, or refused as ALREADY_VOTED because the
      // first server committed their vote but died before answering.
      expect(receipts.size + alreadyVoted).toBe(VOTERS);
      expect(outcome.size).toBe(VOTERS);
      expect(result.votes).toBe(VOTERS);
      expect(result.for + result.against + result.abstain).toBe(VOTERS);
      expect(found).toBe(receipts.size); // 0 acknowledged votes lost

      const reader =
        dialect === 'sqlite' ? openDatabase({ kind: 'sqlite', file: open.env.SQLITE_FILE! }) : open;
      if (reader !== open) closers.push(() => reader.close());
      const count = async (table: 'ballot_box' | 'ballot_roll' | 'ballot_receipts') =>
        Number(
          (
            await reader.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .where('ballot_id', '=', ballotId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const [box, roll, receiptRows] = [
        await count('ballot_box'),
        await count('ballot_roll'),
        await count('ballot_receipts'),
      ];
      // No member counted twice: one paper per name on the roll; a receipt for every paper.
      expect([box, roll, receiptRows]).toEqual([VOTERS, VOTERS, VOTERS]);
      const duplicates = await sql<{ n: number }>`select count(*) as n from (
          select person_id from ballot_roll where ballot_id = ${ballotId}
          group by person_id having count(*) > 1) d`.execute(reader.db);
      expect(Number(duplicates.rows[0]!.n)).toBe(0);

      console.log(
        `[${dialect}] acknowledged before the kill: ${beforeKill}; unanswered at the kill: ` +
          `${remaining.length} (${inFlight} of them in flight); acknowledged after the restart: ${afterRestart}; ` +
          `ALREADY_VOTED after the restart (committed, answer lost): ${alreadyVoted}; ` +
          `counted: ${result.votes}; acknowledged receipts found: ${found}/${receipts.size}; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }, 300_000);
  });
}

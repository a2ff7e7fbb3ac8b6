/**
 * Conference pages benchmark (issue 20: "pages under 100 ms"): the delegate's phone
 * (/conferences/:id), the committee's desk (/conferences/:id/desk), the hall's screen
 * (/conferences/:id/projector) and the API's conference (GET /api/v1/conferences/:id), each
 * answered in process by the HTTP app on SQLite in memory, for a conference of 1,200 delegates
 * from 600 delegations in two sections and 3,000 motions ruled in, a card vote open with 300
 * cards in and one declared, and a reference back before conference.
 *
 * The conference is set up through the use cases; its 600 delegations, 3,000 submissions and
 * 300 cards are written straight to the tables (as registering and submitting would leave them),
 * so the bench sets up in seconds. Each figure is the median of the runs, in milliseconds, with
 * its ratio to the baseline: the home page (/) for the same signed-in person.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { closeCardVote } from '../src/app/conference/close-card-vote.ts';
import { moveReferenceBack } from '../src/app/conference/move-reference-back.ts';
import { openCardVote } from '../src/app/conference/open-card-vote.ts';
import { setUpConference } from '../src/app/conference/set-up-conference.ts';
import { scheduleMeeting } from '../src/app/meetings/schedule-meeting.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import {
  insertCardCast,
  insertDelegation,
  insertSubmission,
} from '../src/db/queries/conference.ts';
import { insertBody } from '../src/db/queries/organisations.ts';
import { createHttpApp } from '../src/http/app.tsx';
import { SESSION_COOKIE } from '../src/http/env.ts';
import { sessionFor, testContext } from '../test/factories.ts';
import { northfield } from '../test/story.ts';
import { figurePrinter } from './figure.ts';

const DELEGATIONS = 600;
const MOTIONS = 3_000;

export async function seedConference() {
  const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(database);
  // Every query the app sends is counted, so each page's figure says how many it took.
  const queries = { count: 0 };
  const counted = database.db.withPlugin({
    transformQuery: (args) => {
      queries.count++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  const ctx = testContext({ ...database, db: counted });
  const story = await northfield(ctx);
  const actor = story.admin;
  const { meetingId } = await scheduleMeeting(ctx, {
    actor,
    bodyId: story.nationalId,
    title: 'Annual Conference',
    startsAt: '2026-09-27T09:00:00Z',
  });
  await setUpConference(ctx, {
    actor,
    meetingId,
    sections: [
      { key: 'clp', name: 'Local parties', share: '1/2' },
      { key: 'affiliates', name: 'Affiliates', share: '1/2' },
    ],
    formula: { membersPerDelegate: 750, minimum: 1, maximum: null },
    rules: {
      submissions: { wordLimit: 250, opensAt: null, closesAt: null, perOrganisation: 5 },
      delegatesCloseAt: null,
      priorities: { perSection: 4, choicesPerPaper: 1 },
    },
  });
  const national = (await ctx.db
    .selectFrom('bodies')
    .selectAll()
    .where('id', '=', story.nationalId)
    .executeTakeFirstOrThrow())!;
  const at = ctx.now().toISOString();
  const delegations: { id: string; weight: number }[] = [];
  const submissions: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < DELEGATIONS; i++) {
      const bodyId = `bench-body-${i}`;
      await insertBody(trx, {
        id: bodyId,
        organisation_id: national.organisation_id,
        parent_id: national.id,
        slug: `branch-${i}`,
        name: `Branch ${i}`,
        kind: national.kind,
        created_at: at,
      });
      const clp = i % 2 === 0;
      const weight = clp ? 100 + ((i * 37) % 2_000) : 5_000 + ((i * 7919) % 400_000);
      const id = `bench-delegation-${i}`;
      // The viewer leads the first delegation, so the phone shows its card.
      const delegates = i === 0 ? [story.adminId, `p-${i}-b`] : [`p-${i}-a`, `p-${i}-b`];
      await insertDelegation(trx, {
        id,
        meeting_id: meetingId,
        body_id: bodyId,
        section: clp ? 'clp' : 'affiliates',
        members: weight,
        entitled: 2,
        weight,
        make_up: JSON.stringify({ delegates, substitutes: [], leader: delegates[0] }),
        created_at: at,
        updated_at: at,
      });
      delegations.push({ id, weight });
    }
    for (let i = 0; i < MOTIONS; i++) {
      const id = `bench-submission-${String(i).padStart(4, '0')}`;
      const text = {
        title: `Motion ${i}`,
        clauses: [
          { id: 'c1', kind: 'notes', text: `that subject ${i % 60} matters to members` },
          { id: 'c2', kind: 'resolves', text: `to campaign on subject ${i % 60}` },
        ],
      };
      await insertSubmission(trx, {
        id,
        meeting_id: meetingId,
        delegation_id: delegations[i % DELEGATIONS]!.id,
        kind: 'motion',
        title: text.title,
        text: JSON.stringify(text),
        amends_rule: null,
        subject: `Subject ${i % 60}`,
        ruling: JSON.stringify({ kind: 'in' }),
        recommendation: null,
        status: 'in-order',
        composited_into: null,
        mover_delegation_id: delegations[i % DELEGATIONS]!.id,
        seconder_delegation_id: null,
        sources: null,
        result: null,
        communication_id: null,
        created_at: at,
        updated_at: at,
      });
      submissions.push(id);
    }
  });
  // One card vote declared, one open with 300 cards in, a reference back before conference.
  const cast = async (cardVoteId: string, count: number) =>
    ctx.db.transaction().execute(async (trx) => {
      for (const [i, d] of delegations.slice(1, count + 1).entries()) {
        const against = Math.floor((d.weight * ((i * 13) % 100)) / 100);
        await insertCardCast(trx, {
          card_vote_id: cardVoteId,
          delegation_id: d.id,
          for_votes: d.weight - against,
          against_votes: against,
          abstain_votes: 0,
          cast_by: null,
          cast_at: at,
        });
      }
    });
  const declared = await openCardVote(ctx, { actor, submissionId: submissions[0]! });
  await cast(declared.cardVoteId, DELEGATIONS - 1);
  await closeCardVote(ctx, { actor, cardVoteId: declared.cardVoteId });
  const open = await openCardVote(ctx, { actor, submissionId: submissions[1]! });
  await cast(open.cardVoteId, 300);
  await moveReferenceBack(ctx, { actor, meetingId, submissionIds: [submissions[2]!] });
  const token = await sessionFor(ctx, story.adminId);
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
  const get = async (path: string) => {
    const res = await app.request(`http://seconded.test${path}`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    return body.length;
  };
  return {
    get,
    meetingId,
    queries,
    app,
    db: ctx.db,
    cookie: `${SESSION_COOKIE}=${token}`,
    close: () => database.close(),
  };
}

/**
 * The median wall time of the runs, and the mean CPU time (user and system, of this process:
 * the app answers in process, so it is the server's) and queries of one run. On a loaded
 * machine the wall time counts the waits for a core; the CPU time does not.
 */
async function measure(runs: number, queries: { count: number }, fn: () => Promise<unknown>) {
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  const queriesBefore = queries.count;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  return {
    wall: times[Math.floor(times.length / 2)]!,
    cpu: (cpu.user + cpu.system) / 1000 / runs,
    queries: (queries.count - queriesBefore) / runs,
  };
}

export async function benchConferencePages({ json, quick }: { json: boolean; quick: boolean }) {
  const print = figurePrinter(json);
  const runs = quick ? 5 : 21;
  const { get, meetingId, queries, close } = await seedConference();
  try {
    for (let i = 0; i < 3; i++) await get(`/conferences/${meetingId}`); // warm up
    const home = await measure(runs, queries, () => get('/'));
    const baseline = home.wall;
    print(
      {
        bench: 'conference.page.baseline',
        value: baseline,
        unit: 'ms',
        baseline: null,
        ratio: null,
      },
      `conference pages: baseline (the home page, signed in) ${baseline.toFixed(1)} ms, ${home.cpu.toFixed(1)} ms CPU, ${home.queries} queries; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    const pages: [string, string, string][] = [
      ['conference.page.phone', "the delegate's phone", `/conferences/${meetingId}`],
      ['conference.page.desk', "the committee's desk", `/conferences/${meetingId}/desk`],
      ['conference.page.projector', "the hall's screen", `/conferences/${meetingId}/projector`],
      ['conference.page.api', 'GET /api/v1/conferences/:id', `/api/v1/conferences/${meetingId}`],
    ];
    for (const [bench, what, path] of pages) {
      const bytes = await get(path);
      const {
        wall: value,
        cpu,
        queries: perRequest,
      } = await measure(runs, queries, () => get(path));
      print(
        { bench, value, unit: 'ms', baseline, ratio: value / baseline },
        `conference pages: ${what} (${DELEGATIONS} delegations, ${MOTIONS} motions, ${Math.round(bytes / 1024)} KiB): ${value.toFixed(1)} ms (median of ${runs}), ${cpu.toFixed(1)} ms CPU, ${perRequest} queries`,
      );
      print(
        {
          bench: `${bench}.cpu`,
          value: cpu,
          unit: 'ms',
          baseline: home.cpu,
          ratio: cpu / home.cpu,
        },
        `conference pages: ${what}: ${cpu.toFixed(1)} ms CPU a request (home page ${home.cpu.toFixed(1)} ms)`,
      );
    }
  } finally {
    await close();
  }
}

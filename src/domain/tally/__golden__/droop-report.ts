/**
 * Test support: read Droop's election reports (droop v0.11 report format) and re-express our
 * own results as the same sequence of actions, so that every action of a reference report,
 * every candidate's state and votes after it, and every total line can be compared exactly.
 */
import type { TallyResult } from '../types.ts';

export interface DroopAction {
  /** Droop's round number (our stage number minus one). */
  readonly round: number;
  readonly message: string;
  /** Candidate name -> "State vote", for actions that list candidates. */
  readonly candidates: Readonly<Record<string, string>> | null;
  /** Total lines: "Elected votes", "Residual", "Quota", ... */
  readonly totals: Readonly<Record<string, string>>;
}

export interface DroopReport {
  readonly header: Readonly<Record<string, string>>;
  readonly actions: readonly DroopAction[];
}

export function parseDroopReport(text: string): DroopReport {
  const header: Record<string, string> = {};
  const actions: DroopAction[] = [];
  let round = 0;
  let current: {
    round: number;
    message: string;
    candidates: Record<string, string> | null;
    totals: Record<string, string>;
  } | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    let m: RegExpExecArray | null;
    if ((m = /^Round (\d+):$/.exec(line))) {
      round = Number(m[1]);
      continue;
    }
    if ((m = /^Action: (.*)$/.exec(line))) {
      current = { round, message: m[1]!, candidates: null, totals: {} };
      actions.push(current);
      continue;
    }
    if (
      (m = /^\t(Elected|Pending|Hopeful|Defeated|Withdrawn): +(.*) \(([-\d.]+)\)$/.exec(line)) &&
      current
    ) {
      const state = m[1]!;
      current.candidates ??= {};
      const names =
        state === 'Defeated' && m[3]!.replace(/[0.]/g, '') === '' ? m[2]!.split(', ') : [m[2]!];
      for (const name of names) current.candidates[name] = `${state} ${m[3]}`;
      continue;
    }
    if ((m = /^\t([A-Za-z ]+): (.*)$/.exec(line))) {
      if (current) current.totals[m[1]!] = m[2]!;
      else header[m[1]!] = m[2]!;
    }
  }
  return { header, actions };
}

const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
const toUnits = (s: string, places: number): bigint => {
  const [i, f = ''] = s.split('.');
  const neg = i!.startsWith('-');
  const u = BigInt(i!.replace('-', '') + f.padEnd(places, '0'));
  return neg ? -u : u;
};
const fromUnits = (u: bigint, places: number): string => {
  const neg = u < 0n;
  const s = (neg ? -u : u).toString().padStart(places + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -places)}.${s.slice(-places)}`;
};

/**
 * What both rules' action lists start from: the precision, the candidates' names, those not
 * withdrawn (Droop lists only them), and every candidate's state, all "Hopeful".
 */
function droopStart(result: TallyResult) {
  const P = result.precision;
  const names = result.candidates;
  const n = names.length;
  const withdrawn = new Set(
    result.rounds[0]!.status.flatMap((s, i) => (s === 'withdrawn' ? [i] : [])),
  );
  const eligible = [...Array(n).keys()].filter((c) => !withdrawn.has(c));
  const state: string[] = Array(n).fill('Hopeful');
  return { P, names, n, eligible, state };
}

/**
 * Our Scottish STV result as Droop's WIGM action list (Droop 0.11 "scotland" rule): Begin
 * Count; "Elect, transfer pending" per candidate reaching the quota; per round an optional
 * tie-break, then "Transfer high surplus" + "Surplus transferred", or "Defeat low candidate" +
 * "Transfer defeated"; then "Elect remaining candidates"/"Defeat remaining candidates" and
 * "Count Complete".
 */
export function scottishAsDroop(result: TallyResult): DroopAction[] {
  const { P, names, n, eligible, state } = droopStart(result);
  let votes: bigint[] = Array(n).fill(0n);
  let nt = 0n;
  let residue = 0n;
  let surplusLine = 0n;
  const quota = toUnits(result.quota!, P);
  const out: DroopAction[] = [];
  let round = 0;

  const snapshot = (message: string, list: boolean): DroopAction => {
    const candidates: Record<string, string> = {};
    const by = (st: string) => sum(eligible.filter((c) => state[c] === st).map((c) => votes[c]!));
    for (const c of eligible) candidates[names[c]!] = `${state[c]} ${fromUnits(votes[c]!, P)}`;
    const e = by('Elected');
    const p = by('Pending');
    const h = by('Hopeful');
    const d = by('Defeated');
    const totals: Record<string, string> = { 'Elected votes': fromUnits(e, P) };
    if (p) totals['Pending votes'] = fromUnits(p, P);
    totals['Hopeful votes'] = fromUnits(h, P);
    if (d) totals['Defeated votes'] = fromUnits(d, P);
    totals['Nontransferable votes'] = fromUnits(nt, P);
    totals['Residual'] = fromUnits(residue, P);
    totals['Total'] = fromUnits(e + p + h + d + nt + residue, P);
    totals['Surplus'] = fromUnits(surplusLine, P);
    return { round, message, candidates: list ? candidates : null, totals };
  };
  const load = (i: number) => {
    const r = result.rounds[i]!;
    votes = r.votes.map((v) => toUnits(v, P));
    nt = toUnits(r.exhausted, P);
    residue = toUnits(r.residue, P);
  };
  const ballotOrder = (cs: readonly number[]) => [...cs].sort((a, b) => a - b);
  const electPending = (i: number) => {
    const r = result.rounds[i]!;
    // Droop lists those reaching the quota together by votes, highest first, ties in reverse ballot order
    const reached = r.elected.filter((d) => d.code === 'QUOTA_REACHED').map((d) => d.candidate);
    reached.sort((a, b) => Number(toUnits(r.votes[b]!, P) - toUnits(r.votes[a]!, P)) || b - a);
    for (const c of reached) {
      state[c] = 'Pending';
      out.push(snapshot(`Elect, transfer pending: ${names[c]}`, true));
    }
  };

  load(0);
  out.push(snapshot('Begin Count', true));
  electPending(0);
  for (let i = 1; i < result.rounds.length; i++) {
    const r = result.rounds[i]!;
    round = i;
    surplusLine = sum(
      eligible
        .filter((c) => state[c] === 'Elected' || state[c] === 'Pending')
        .map((c) => (votes[c]! > quota ? votes[c]! - quota : 0n)),
    );
    const x = r.from![0]!;
    for (const t of r.ties) {
      const how = t.method === 'earlier-stage' ? 'by prior stage' : 'by lot';
      const purpose = r.kind === 'surplus' ? 'largest surplus' : 'defeat low candidate';
      const tied = ballotOrder(t.among)
        .map((c) => names[c])
        .join(', ');
      out.push(snapshot(`Break tie ${how} (${purpose}): [${tied}] -> ${names[t.chosen]}`, false));
    }
    if (r.kind === 'surplus') {
      state[x] = 'Elected';
      out.push(snapshot(`Transfer high surplus: ${names[x]}`, false));
      load(i);
      out.push(snapshot(`Surplus transferred: ${names[x]} (${r.surplus})`, true));
    } else {
      state[x] = 'Defeated';
      out.push(snapshot(`Defeat low candidate: ${names[x]}`, true));
      load(i);
      out.push(snapshot(`Transfer defeated: ${names[x]}`, true));
    }
    electPending(i);
  }
  const last = result.rounds[result.rounds.length - 1]!;
  for (let c = 0; c < n; c++) if (state[c] === 'Pending') state[c] = 'Elected';
  for (const c of ballotOrder(
    last.elected.filter((d) => d.code === 'LAST_VACANCIES').map((d) => d.candidate),
  )) {
    state[c] = 'Elected';
    out.push(snapshot(`Elect remaining candidates: ${names[c]}`, true));
  }
  for (const c of ballotOrder(
    last.excluded.filter((d) => d.code === 'SEATS_FILLED').map((d) => d.candidate),
  )) {
    state[c] = 'Defeated';
    out.push(snapshot(`Defeat remaining candidates: ${names[c]}`, true));
  }
  out.push(snapshot('Count Complete', true));
  return out;
}

/** A readable list of differences between two action lists (empty when they agree). */
export function compareActions(
  expected: readonly DroopAction[],
  actual: readonly DroopAction[],
): string[] {
  const problems: string[] = [];
  const len = Math.max(expected.length, actual.length);
  for (let i = 0; i < len && problems.length < 10; i++) {
    const e = expected[i];
    const a = actual[i];
    if (!e || !a) {
      problems.push(
        `action ${i + 1}: expected ${e?.message ?? '(none)'}, got ${a?.message ?? '(none)'}`,
      );
      break;
    }
    const where = `action ${i + 1} (round ${e.round}, "${e.message}")`;
    if (e.message !== a.message || e.round !== a.round) {
      problems.push(`${where}: got round ${a.round} "${a.message}"`);
      break;
    }
    if (e.candidates) {
      for (const [name, v] of Object.entries(e.candidates)) {
        if (a.candidates?.[name] !== v)
          problems.push(`${where}: ${name} expected ${v}, got ${a.candidates?.[name]}`);
      }
    }
    for (const [k, v] of Object.entries(e.totals)) {
      if (a.totals[k] !== v) problems.push(`${where}: ${k} expected ${v}, got ${a.totals[k]}`);
    }
    for (const k of Object.keys(a.totals)) {
      if (!(k in e.totals)) problems.push(`${where}: unexpected total ${k} = ${a.totals[k]}`);
    }
  }
  return problems;
}

/**
 * Our Meek result as Droop's action list for the "meek-prf" rule (Droop 0.11): Begin Count;
 * per round "Elect: X" for each candidate elected, or an optional tie-break and "Defeat (surplus
 * S < omega): X"; then "Elect remaining"/"Defeat remaining" and "Count Complete". Droop's total
 * lines: Quota, Votes (held by hopeful and elected candidates as last computed), Residual (the
 * non-transferable weight of the last distribution), Total, Surplus (as last computed; an
 * "Elect" action shows the surplus of the iteration before the election).
 */
export function meekAsDroop(result: TallyResult): DroopAction[] {
  const { P, names, eligible, state } = droopStart(result);
  let votes: bigint[] = [];
  let quota = 0n;
  let liveVotes = 0n;
  let residual = 0n;
  let surplus = 0n;
  let round = 0;
  const out: DroopAction[] = [];
  const snapshot = (message: string, list: boolean): DroopAction => {
    const candidates: Record<string, string> = {};
    for (const c of eligible) candidates[names[c]!] = `${state[c]} ${fromUnits(votes[c]!, P)}`;
    return {
      round,
      message,
      candidates: list ? candidates : null,
      totals: {
        Quota: fromUnits(quota, P),
        Votes: fromUnits(liveVotes, P),
        Residual: fromUnits(residual, P),
        Total: fromUnits(liveVotes + residual, P),
        Surplus: fromUnits(surplus, P),
      },
    };
  };
  const live = () =>
    sum(
      eligible
        .filter((c) => state[c] === 'Hopeful' || state[c] === 'Elected')
        .map((c) => votes[c]!),
    );

  const first = result.rounds[0]!;
  votes = first.votes.map((v) => toUnits(v, P));
  quota = toUnits(first.quota!, P);
  liveVotes = BigInt(result.ballots) * 10n ** BigInt(P);
  out.push(snapshot('Begin Count', true));
  for (let i = 1; i < result.rounds.length; i++) {
    const r = result.rounds[i]!;
    const extra = r.extra as { iterationSurpluses: string[]; stop: string; surplus: string };
    round = i;
    votes = r.votes.map((v, c) => (state[c] === 'Defeated' ? 0n : toUnits(v, P)));
    quota = toUnits(r.quota!, P);
    residual = toUnits(r.exhausted, P);
    liveVotes = live();
    const its = extra.iterationSurpluses;
    if (its.length >= 2) surplus = toUnits(its[its.length - 2]!, P);
    const quotaElected = r.elected
      .filter((d) => d.code === 'QUOTA_REACHED')
      .map((d) => d.candidate);
    if (quotaElected.length > 0) {
      for (const c of [...quotaElected].sort((a, b) => a - b)) {
        state[c] = 'Elected';
        out.push(snapshot(`Elect: ${names[c]}`, true));
      }
      surplus = toUnits(extra.surplus, P);
    } else {
      surplus = toUnits(extra.surplus, P);
      const x = r.from![0]!;
      for (const t of r.ties) {
        const tied = [...t.among]
          .sort((a, b) => a - b)
          .map((c) => names[c])
          .join(', ');
        out.push(
          snapshot(`Break tie (defeat low candidate): [${tied}] -> ${names[t.chosen]}`, false),
        );
      }
      state[x] = 'Defeated';
      const how =
        extra.stop === 'omega'
          ? `surplus ${extra.surplus} < omega`
          : `stable surplus ${extra.surplus}`;
      out.push(snapshot(`Defeat (${how}): ${names[x]}`, true));
      votes[x] = 0n;
      liveVotes = live();
    }
  }
  const last = result.rounds[result.rounds.length - 1]!;
  const remaining = [
    ...last.elected
      .filter((d) => d.code === 'LAST_VACANCIES')
      .map((d) => [d.candidate, 'Elected'] as const),
    ...last.excluded
      .filter((d) => d.code === 'SEATS_FILLED')
      .map((d) => [d.candidate, 'Defeated'] as const),
  ].sort((a, b) => a[0] - b[0]);
  for (const [c, st] of remaining) {
    state[c] = st;
    out.push(snapshot(`${st === 'Elected' ? 'Elect' : 'Defeat'} remaining: ${names[c]}`, true));
  }
  for (const c of eligible) if (state[c] === 'Defeated') votes[c] = 0n;
  liveVotes = sum(eligible.filter((c) => state[c] === 'Elected').map((c) => votes[c]!));
  residual = BigInt(result.ballots) * 10n ** BigInt(P) - liveVotes;
  out.push(snapshot('Count Complete', true));
  return out;
}

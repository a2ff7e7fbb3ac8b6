/**
 * The count of a ranked ballot (docs/mixnet-protocol.md section 4): every trustee's factor of
 * every shuffled ciphertext against its verification key, the rankings recombined from the first
 * t partial decryptions (Lagrange at 0, as count.ts), the papers read as section 2 says, and the
 * published BLT file read on its own and compared paper for paper.
 */
import { lagrangeAtZero } from './count.ts';
import { BASE, IDENTITY, hexOf, mul, point, refuse, type Pt } from './group.ts';
import { checkEqualLogs, parseProof } from './proofs.ts';
import { integer, list } from './shape.ts';
import type { CiphertextHex } from './shuffle.ts';

interface Decoded {
  readonly alpha: { p: Pt; hex: string };
  readonly beta: Pt;
}

export const decodeShuffled = (ballots: readonly CiphertextHex[][]): Decoded[][] =>
  ballots.map((b) =>
    b.map((c) => ({
      alpha: { p: point(c.alpha, 'alpha'), hex: c.alpha },
      beta: point(c.beta, 'beta'),
    })),
  );

/**
 * Every factor d_{j,i,k} of trustee j with its proof of equal logarithms to h_j, ctx =
 * shuffleHash|j|i|k (i and k from 0). Returns the factors; refuses naming the ballot (from 1, in
 * the last shuffle's order) and the preference. `prove` false decodes only (a proof already
 * checked on an earlier read).
 */
export function checkMixPartial(
  shuffleHash: string,
  trustee: number,
  h: { p: Pt; hex: string },
  ballots: readonly Decoded[][],
  payload: Record<string, unknown>,
  prove = true,
): Pt[][] {
  const n = ballots.length;
  const factorRows = list(payload.factors, 'the factors', n);
  const proofRows = list(payload.proofs, 'the proofs', n);
  return ballots.map((b, i) => {
    const at = `ballot ${i + 1} of the last shuffle`;
    const factors = list(factorRows[i], `the factors of ${at}`, b.length);
    const proofs = list(proofRows[i], `the proofs of ${at}`, b.length);
    return b.map((c, k) => {
      const where = `${at}, preference ${k + 1}`;
      const d = { p: point(factors[k], `the factor of ${where}`), hex: factors[k] as string };
      const proof = parseProof(proofs[k], `the proof of ${where}`);
      if (prove && !checkEqualLogs(`${shuffleHash}|${trustee}|${i}|${k}`, h, c.alpha, d, proof))
        refuse(
          `the proof that the factor of ${where} is trustee ${trustee}'s share times its alpha does not hold`,
        );
      return d.p;
    });
  });
}

/**
 * The result's rankings against the decryption: m·G = β − Σ_j λ_j·d_{j,i,k} over the first t
 * trustees, for the m the result gives, each in 0..C.
 */
export function checkRankings(
  ballots: readonly Decoded[][],
  partials: readonly { trustee: number; factors: Pt[][] }[],
  candidates: number,
  raw: unknown,
): number[][] {
  const rankings = list(raw, 'the rankings', ballots.length);
  const trustees = partials.map((d) => d.trustee);
  const lambdas = trustees.map((j) => lagrangeAtZero(trustees, j));
  const table: string[] = [];
  for (let m = 0, p = IDENTITY; m <= candidates; m++, p = p.add(BASE)) table.push(hexOf(p));
  return ballots.map((b, i) => {
    const row = list(rankings[i], `ranking ${i + 1}`, b.length);
    return b.map((c, k) => {
      const m = integer(row[k], `ranking ${i + 1}, preference ${k + 1}`, 0, candidates);
      let combined = IDENTITY;
      partials.forEach((d, j) => (combined = combined.add(mul(d.factors[i]![k]!, lambdas[j]!))));
      const found = hexOf(c.beta.subtract(combined));
      if (found !== table[m]) {
        const actual = table.indexOf(found);
        refuse(
          `ranking ${i + 1}, preference ${k + 1} is ${m} where the decryption gives ${actual < 0 ? `no number from 0 to ${candidates}` : actual}`,
        );
      }
      return m;
    });
  });
}

/**
 * Section 2: a decrypted ranking read as a paper ballot, candidates from 0, up to its first 0 or
 * repeated candidate.
 */
export function paperOf(plaintexts: readonly number[]): number[] {
  const out: number[] = [];
  for (const m of plaintexts) {
    if (m < 1 || out.includes(m - 1)) break;
    out.push(m - 1);
  }
  return out;
}

export interface BltFile {
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly title: string;
  /** Each distinct paper (candidates from 0, joined by spaces) and how many times it is cast. */
  readonly papers: ReadonlyMap<string, number>;
  readonly notes: readonly string[];
}

/** A quoted BLT string, with backslash escapes. */
function unquote(line: string, what: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(line.trim());
  if (!m) return refuse(`${what} is not a quoted string`);
  return m[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/**
 * The BLT format (Hill, Wichmann and Woodall, "Algorithm 123", Computer Journal 1987; as OpenSTV
 * writes it): "C S", ballot lines "weight c1 c2 … 0" with candidates from 1, a line "0", the C
 * names, the title, then notes, each quoted. A withdrawn candidate or an equal ranking has no
 * place in a published end-to-end count and is refused.
 */
export function readBltFile(text: string): BltFile {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = /^(\d+) (\d+)$/.exec(lines[0]?.trim() ?? '');
  if (!head) return refuse('line 1 is not "candidates seats"');
  const c = Number(head[1]);
  const papers = new Map<string, number>();
  let at = 1;
  for (; at < lines.length && lines[at]!.trim() !== '0'; at++) {
    const words = lines[at]!.trim().split(/\s+/);
    if (!words.every((w) => /^\d+$/.test(w)) || words.at(-1) !== '0' || words.length < 2)
      refuse(`line ${at + 1} is not a paper "weight candidate… 0"`);
    const numbers = words.map(Number);
    const prefs = numbers.slice(1, -1);
    if (prefs.some((p) => p < 1 || p > c))
      refuse(`line ${at + 1} names no candidate from 1 to ${c}`);
    const key = prefs.map((p) => p - 1).join(' ');
    papers.set(key, (papers.get(key) ?? 0) + numbers[0]!);
  }
  if (at >= lines.length) refuse('the papers do not end with a line "0"');
  const rest = lines.slice(at + 1);
  if (rest.length < c + 1) refuse(`it names fewer than ${c} candidates and a title`);
  return {
    candidates: rest.slice(0, c).map((l, k) => unquote(l, `candidate ${k + 1}'s name`)),
    seats: Number(head[2]),
    title: unquote(rest[c]!, 'the title'),
    papers,
    notes: rest.slice(c + 1).map((l, k) => unquote(l, `note ${k + 1}`)),
  };
}

/** The published BLT file against the board: names, seats, every paper, the rule and the seed. */
export function checkBlt(
  text: string,
  expected: {
    candidates: readonly string[];
    seats: number;
    papers: readonly (readonly number[])[];
    rule: string;
    seed: string;
  },
) {
  const blt = readBltFile(text);
  if (blt.candidates.join('\n') !== expected.candidates.join('\n'))
    refuse(`its candidates are not the board's: ${JSON.stringify(blt.candidates)}`);
  if (blt.seats !== expected.seats)
    refuse(`it fills ${blt.seats} seats where the board's setup says ${expected.seats}`);
  const board = new Map<string, number>();
  for (const p of expected.papers) board.set(p.join(' '), (board.get(p.join(' ')) ?? 0) + 1);
  const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  if (total(blt.papers) !== total(board))
    refuse(`it holds ${total(blt.papers)} papers where the board's rankings give ${total(board)}`);
  const name = (key: string) =>
    key === ''
      ? 'an empty paper'
      : key
          .split(' ')
          .map((k) => expected.candidates[Number(k)])
          .join(' > ');
  for (const key of new Set([...board.keys(), ...blt.papers.keys()])) {
    const a = blt.papers.get(key) ?? 0;
    const b = board.get(key) ?? 0;
    if (a !== b) refuse(`it holds ${a} papers "${name(key)}" where the board's rankings give ${b}`);
  }
  const note = (key: string) =>
    blt.notes.map((n) => new RegExp(`^${key}: (.+)$`).exec(n.trim())?.[1]).find(Boolean);
  if (note('method') !== expected.rule)
    refuse(
      `its note "method" is ${JSON.stringify(note('method'))} where the board's rule is "${expected.rule}"`,
    );
  if (note('seed') !== expected.seed)
    refuse(
      `its note "seed" is ${JSON.stringify(note('seed'))} where the board gives the seed ${expected.seed}`,
    );
}

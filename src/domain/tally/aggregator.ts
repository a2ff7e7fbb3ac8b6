/**
 * Merging identical ballot papers into groups with a weight, as they are read (OpenSTV and
 * Droop do the same), so that memory and every later pass grow with the distinct rankings, not
 * with the papers.
 *
 * Terms:
 * - Ranking: the BallotGroups encoding of one paper (types.ts): `c` starts a preference, `~c`
 *   is ranked equal to the entry before it.
 * - Short ranking: one whose exact key fits in a double. The key writes each entry as a digit
 *   from 1 to 2n (n candidates) in base 2n + 1: no digit is 0, so two rankings have the same
 *   key only when they are the same. A short ranking is found by its key alone, in a table that
 *   holds the key beside the running weight, so a paper seen before costs one memory access.
 * - Long ranking: any other; found by a 32-bit hash, then compared entry by entry.
 * Groups are numbered in the order their first paper was read, whichever table found them.
 */
import type { BallotGroups } from './types.ts';

const EMPTY = -1;
const TWO_53 = 2 ** 53;

export class BallotAggregator {
  private prefs = new Int32Array(4096);
  private prefLength = 0;
  private offsets = new Uint32Array(1025);
  private weights = new Float64Array(1024);
  private groups = 0;
  private total = 0;
  private equal = false;

  /** Digits of a short ranking's key: 2n + 1 (0 when the number of candidates is not given). */
  private readonly base: number;
  /** The longest ranking with a short key. */
  private readonly shortLength: number;
  /**
   * Short table: key, weight and group side by side for each slot (key EMPTY for a free slot),
   * so that finding, counting and adding a ranking each touch one place in memory.
   */
  private slots = new Float64Array(4 * 8192).fill(EMPTY);
  private shortSlots = 8192;
  private shortGroups = 0;

  /** Long table: the group in each slot; a group's hash in `hashes`. */
  private table = new Int32Array(1024).fill(EMPTY);
  private hashes = new Uint32Array(1024);
  private longGroups = 0;

  /** `candidates`: the number of candidates, which lets short rankings be found by key. */
  constructor(candidates = 0) {
    this.base = candidates > 0 ? 2 * candidates + 1 : 0;
    let length = 0;
    if (this.base > 0) for (let top = this.base; top <= TWO_53; top *= this.base) length++;
    this.shortLength = length;
  }

  /** The papers added so far (the sum of the weights). */
  get papers(): number {
    return this.total;
  }

  /** Add `weight` papers ranking `ranking[start .. start+length)` (BallotGroups encoding). */
  add(ranking: ArrayLike<number>, start: number, length: number, weight: number): void {
    this.total += weight;
    if (length <= this.shortLength) this.addShort(ranking, start, length, weight);
    else this.addLong(ranking, start, length, weight);
  }

  private addShort(ranking: ArrayLike<number>, start: number, length: number, weight: number) {
    const base = this.base;
    const half = (base - 1) / 2;
    let key = 0;
    for (let i = 0; i < length; i++) {
      const v = ranking[start + i]!;
      key = key * base + (v >= 0 ? v + 1 : half + 1 + ~v);
    }
    const h = shortHash(key);
    const slots = this.slots;
    const mask = this.shortSlots - 1;
    let at = (h & mask) * 4;
    for (;;) {
      const k = slots[at]!;
      if (k === key) {
        slots[at + 1]! += weight;
        return;
      }
      if (k === EMPTY) break;
      at = (at + 4) & (mask * 4 + 3);
    }
    slots[at] = key;
    slots[at + 1] = weight;
    slots[at + 2] = this.newGroup(ranking, start, length, 0);
    if (++this.shortGroups * 4 > this.shortSlots * 3) this.rehashShort();
  }

  private addLong(ranking: ArrayLike<number>, start: number, length: number, weight: number) {
    let h = 0x811c9dc5;
    for (let i = 0; i < length; i++) {
      const v = ranking[start + i]!;
      h = Math.imul(h ^ (v & 0xff), 0x01000193);
      h = Math.imul(h ^ ((v >>> 8) & 0xffffff), 0x01000193);
    }
    h = Math.imul(h ^ length, 0x01000193) >>> 0;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const g = this.table[slot]!;
      if (g === EMPTY) break;
      if (this.hashes[g] === h && this.sameRanking(g, ranking, start, length)) {
        this.weights[g]! += weight;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const g = this.newGroup(ranking, start, length, weight);
    this.hashes[g] = h;
    this.table[slot] = g;
    if (++this.longGroups * 2 > this.table.length) this.rehashLong();
  }

  private newGroup(ranking: ArrayLike<number>, start: number, length: number, weight: number) {
    const g = this.groups++;
    if (g + 1 >= this.weights.length) this.growGroups();
    if (this.prefLength + length > this.prefs.length) this.growPrefs(this.prefLength + length);
    for (let i = 0; i < length; i++) {
      const v = ranking[start + i]!;
      if (v < 0) this.equal = true;
      this.prefs[this.prefLength + i] = v;
    }
    this.offsets[g] = this.prefLength;
    this.prefLength += length;
    this.offsets[g + 1] = this.prefLength;
    this.weights[g] = weight;
    return g;
  }

  private sameRanking(
    g: number,
    ranking: ArrayLike<number>,
    start: number,
    length: number,
  ): boolean {
    const from = this.offsets[g]!;
    if (this.offsets[g + 1]! - from !== length) return false;
    for (let i = 0; i < length; i++) if (this.prefs[from + i] !== ranking[start + i]) return false;
    return true;
  }

  private growGroups(): void {
    const n = this.weights.length * 2;
    const w = new Float64Array(n);
    w.set(this.weights);
    this.weights = w;
    const hs = new Uint32Array(n);
    hs.set(this.hashes);
    this.hashes = hs;
    const o = new Uint32Array(n + 1);
    o.set(this.offsets);
    this.offsets = o;
  }

  private growPrefs(min: number): void {
    const p = new Int32Array(Math.max(min, this.prefs.length * 2));
    p.set(this.prefs);
    this.prefs = p;
  }

  private rehashShort(): void {
    const old = this.slots;
    this.shortSlots *= 2;
    const slots = new Float64Array(4 * this.shortSlots).fill(EMPTY);
    const mask = this.shortSlots - 1;
    for (let from = 0; from < old.length; from += 4) {
      const key = old[from]!;
      if (key === EMPTY) continue;
      let at = (shortHash(key) & mask) * 4;
      while (slots[at] !== EMPTY) at = (at + 4) & (mask * 4 + 3);
      slots[at] = key;
      slots[at + 1] = old[from + 1]!;
      slots[at + 2] = old[from + 2]!;
    }
    this.slots = slots;
  }

  private rehashLong(): void {
    const table = new Int32Array(this.table.length * 2).fill(EMPTY);
    const mask = table.length - 1;
    for (let s = 0; s < this.table.length; s++) {
      const g = this.table[s]!;
      if (g === EMPTY) continue;
      let slot = this.hashes[g]! & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = g;
    }
    this.table = table;
  }

  finish(): BallotGroups {
    const weights = this.weights.slice(0, this.groups);
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 4) {
      if (slots[at] !== EMPTY) weights[slots[at + 2]!] = slots[at + 1]!;
    }
    return {
      count: this.groups,
      weights,
      offsets: this.offsets.slice(0, this.groups + 1),
      prefs: this.prefs.slice(0, this.prefLength),
      total: this.total,
      hasEqualRankings: this.equal,
    };
  }
}

/** A 32-bit hash of a short ranking's key (a whole number below 2^53). */
function shortHash(key: number): number {
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

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
   * Short table: key and weight side by side for each slot (key EMPTY for a free slot), so
   * that finding and counting a paper seen before touch one place in memory; the slot's group
   * in `slotGroups`, read only when a group is added and at the end.
   */
  private slots = new Float64Array(2 * 8192).fill(EMPTY);
  private slotGroups = new Int32Array(8192);
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
    if (length > this.shortLength) {
      this.total += weight;
      this.addLong(ranking, start, length, weight);
      return;
    }
    const base = this.base;
    const half = (base - 1) / 2;
    let key = 0;
    for (let i = 0; i < length; i++) {
      const v = ranking[start + i]!;
      key = key * base + (v >= 0 ? v + 1 : half + 1 + ~v);
    }
    this.addKeyed(key, ranking, start, length, weight);
  }

  /**
   * The longest ranking `addKeyed` takes: its key, each entry a digit in base 2n + 1, is below
   * 2^53 (0 when the number of candidates was not given).
   */
  get keyedLength(): number {
    return this.shortLength;
  }

  /**
   * Add a ranking of at most `keyedLength` entries whose key the caller worked out as it read
   * them: `key = key * (2n + 1) + digit`, the digit c + 1 for candidate c, or n + 1 + c for
   * candidate c ranked equal to the one before (`~c`). A reader computes it in the same pass
   * as the digits, so a paper seen before costs one look in the table.
   */
  addKeyed(key: number, ranking: ArrayLike<number>, start: number, length: number, weight: number) {
    this.total += weight;
    const slots = this.slots;
    const mask = this.shortSlots - 1;
    let at = shortHash(key) & mask;
    for (;;) {
      const k = slots[2 * at]!;
      if (k === key) {
        slots[2 * at + 1]! += weight;
        return;
      }
      if (k === EMPTY) break;
      at = (at + 1) & mask;
    }
    slots[2 * at] = key;
    slots[2 * at + 1] = weight;
    this.slotGroups[at] = this.newGroup(ranking, start, length, 0);
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
    const oldGroups = this.slotGroups;
    this.shortSlots *= 2;
    const slots = new Float64Array(2 * this.shortSlots).fill(EMPTY);
    const slotGroups = new Int32Array(this.shortSlots);
    const mask = this.shortSlots - 1;
    for (let from = 0; from < oldGroups.length; from++) {
      const key = old[2 * from]!;
      if (key === EMPTY) continue;
      let at = shortHash(key) & mask;
      while (slots[2 * at] !== EMPTY) at = (at + 1) & mask;
      slots[2 * at] = key;
      slots[2 * at + 1] = old[2 * from + 1]!;
      slotGroups[at] = oldGroups[from]!;
    }
    this.slots = slots;
    this.slotGroups = slotGroups;
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
    const { slots, slotGroups } = this;
    for (let at = 0; at < slotGroups.length; at++) {
      if (slots[2 * at] !== EMPTY) weights[slotGroups[at]!] = slots[2 * at + 1]!;
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

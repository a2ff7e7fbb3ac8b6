/**
 * The first line each key was seen on, for a million keys in a few tens of megabytes: an
 * import remembers every accepted row's email and member number to refuse a second row for the
 * same member (member-import.ts). A `Map` of a million strings costs over 100 MB; here each key
 * is kept as its UTF-8 bytes after its length (a varint: one byte under 128), in pages of 1 MB filled one after
 * another (never copied to grow, never more than a page unused), found through an
 * open-addressing table (linear probing, FNV-1a hash) and compared byte for byte on a hit, so
 * the answer is exact, never a guess from a hash. Per key: its bytes and one more, its place
 * and line (8 bytes), and a slot or two of the table (4 bytes each).
 */
export class KeyIndex {
  #pages: Uint8Array[] = [];
  #page = new Uint8Array(0);
  /** Bytes used in the last page. */
  #used = 0;
  /** Per entry: where its length and key start (page number × PAGE + offset), and its line. */
  #start = new Int32Array(1 << 10);
  #line = new Int32Array(1 << 10);
  #size = 0;
  /**
   * Per slot: 0 when empty, else the entry number + 1 in the low ENTRY_BITS bits and the top
   * bits of the key's hash above them, which turn most slots that hold another key away without
   * reading its bytes. Its length is a power of two, at least twice the entries.
   */
  #slots = new Uint32Array(1 << 11);
  #scratch = new Uint8Array(256);
  /** Where the last key read (`#read`) is: its page, and where its bytes begin. */
  #keyPage: Uint8Array = new Uint8Array(0);
  #keyAt = 0;
  readonly #encoder = new TextEncoder();

  get size(): number {
    return this.#size;
  }

  /** The line `key` was first added on, or undefined. */
  get(key: string): number | undefined {
    const length = this.#encode(key);
    const entry = this.#find(fnv1a(this.#scratch, 0, length), length);
    return entry < 0 ? undefined : this.#line[entry];
  }

  /** Records `key` as seen on `line`, unless it was seen before. */
  add(key: string, line: number): void {
    const length = this.#encode(key);
    const hash = fnv1a(this.#scratch, 0, length);
    if (this.#find(hash, length) >= 0) return;
    if (this.#size + 1 >= MAX_ENTRIES) throw new RangeError('KeyIndex holds at most 2^25 keys');
    if ((this.#size + 1) * 2 > this.#slots.length) this.#rehash();
    if (this.#size === this.#start.length) this.#growEntries();
    const head = varintLength(length);
    if (head + length > PAGE) throw new RangeError('KeyIndex keys are under 1 MB');
    if (this.#used + head + length > this.#page.length) {
      this.#page = new Uint8Array(PAGE);
      this.#pages.push(this.#page);
      this.#used = 0;
    }
    const entry = this.#size++;
    this.#start[entry] = (this.#pages.length - 1) * PAGE + this.#used;
    // The length as a varint: 7 bits a byte, low bits first, the top bit set on all but the last.
    for (let rest = length; ; rest >>>= 7) {
      if (rest < 0x80) {
        this.#page[this.#used++] = rest;
        break;
      }
      this.#page[this.#used++] = 0x80 | (rest & 0x7f);
    }
    this.#page.set(this.#scratch.subarray(0, length), this.#used);
    this.#used += length;
    this.#line[entry] = line;
    this.#place(entry, hash);
  }

  /** The key's UTF-8 bytes into the scratch buffer (grown to fit); returns their length. */
  #encode(key: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (key.length * 3 > this.#scratch.length) this.#scratch = new Uint8Array(key.length * 3);
    return this.#encoder.encodeInto(key, this.#scratch).written;
  }

  #find(hash: number, length: number): number {
    const mask = this.#slots.length - 1;
    const tag = hash >>> ENTRY_BITS;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.#slots[slot]!;
      if (held === 0) return -1;
      if (held >>> ENTRY_BITS !== tag) continue;
      const entry = (held & ENTRY_MASK) - 1;
      if (this.#same(entry, length)) return entry;
    }
  }

  /** Whether entry `entry` holds the `length` bytes in the scratch buffer. */
  #same(entry: number, length: number): boolean {
    if (this.#read(entry) !== length) return false;
    const page = this.#keyPage;
    const at = this.#keyAt;
    for (let i = 0; i < length; i++) if (page[at + i] !== this.#scratch[i]) return false;
    return true;
  }

  /** Where entry `entry`'s key is (`#keyPage`, from `#keyAt`); returns its length. */
  #read(entry: number): number {
    const start = this.#start[entry]!;
    const page = this.#pages[Math.floor(start / PAGE)]!;
    let at = start % PAGE;
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = page[at++]!;
      length |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    this.#keyPage = page;
    this.#keyAt = at;
    return length;
  }

  #place(entry: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = (((hash >>> ENTRY_BITS) << ENTRY_BITS) | (entry + 1)) >>> 0;
  }

  /** A table twice the size; each key's hash is read again from its bytes (no hash is kept). */
  #rehash(): void {
    this.#slots = new Uint32Array(this.#slots.length * 2);
    for (let entry = 0; entry < this.#size; entry++) {
      const length = this.#read(entry);
      this.#place(entry, fnv1a(this.#keyPage, this.#keyAt, this.#keyAt + length));
    }
  }

  #growEntries(): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.#start = grow(this.#start);
    this.#line = grow(this.#line);
  }
}

/** Bytes per page of keys. */
const PAGE = 1 << 20;
/** Bits of a slot for the entry number + 1; the rest hold the top bits of the key's hash. */
const ENTRY_BITS = 25;
const ENTRY_MASK = (1 << ENTRY_BITS) - 1;
const MAX_ENTRIES = ENTRY_MASK;

/** Bytes of a varint holding `n`. */
const varintLength = (n: number) => (n < 1 << 7 ? 1 : n < 1 << 14 ? 2 : n < 1 << 21 ? 3 : 4);

/** FNV-1a, 32 bits (Fowler, Noll and Vo): quick, and spreads keys that differ in one byte. */
function fnv1a(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

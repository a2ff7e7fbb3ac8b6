/**
 * The first line each key was seen on, for a million keys in a few tens of megabytes: an
 * import remembers every accepted row's email and member number to refuse a second row for the
 * same member (member-import.ts). A `Map` of a million strings costs over 100 MB; here the keys
 * are kept as UTF-8 bytes end to end in one growing buffer, found through an open-addressing
 * table of entry numbers (linear probing, FNV-1a hash), and compared byte for byte on a hit, so
 * the answer is exact, never a guess from a hash.
 */
export class KeyIndex {
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  /** Per entry: where its key starts in `#bytes`, its length, its line and its hash. */
  #start = new Int32Array(1 << 10);
  #length = new Int32Array(1 << 10);
  #line = new Int32Array(1 << 10);
  #hash = new Uint32Array(1 << 10);
  #size = 0;
  /** Entry number + 1 in each slot; 0 is an empty slot. Its length is a power of two. */
  #slots = new Int32Array(1 << 11);
  #scratch = new Uint8Array(256);
  readonly #encoder = new TextEncoder();

  get size(): number {
    return this.#size;
  }

  /** The line `key` was first added on, or undefined. */
  get(key: string): number | undefined {
    const length = this.#encode(key);
    const hash = fnv1a(this.#scratch, length);
    const entry = this.#find(hash, length);
    return entry < 0 ? undefined : this.#line[entry];
  }

  /** Records `key` as seen on `line`, unless it was seen before. */
  add(key: string, line: number): void {
    const length = this.#encode(key);
    const hash = fnv1a(this.#scratch, length);
    if (this.#find(hash, length) >= 0) return;
    if ((this.#size + 1) * 2 > this.#slots.length) this.#rehash();
    if (this.#size === this.#start.length) this.#growEntries();
    while (this.#used + length > this.#bytes.length) {
      const bytes = new Uint8Array(this.#bytes.length * 2);
      bytes.set(this.#bytes.subarray(0, this.#used));
      this.#bytes = bytes;
    }
    const entry = this.#size++;
    this.#bytes.set(this.#scratch.subarray(0, length), this.#used);
    this.#start[entry] = this.#used;
    this.#length[entry] = length;
    this.#line[entry] = line;
    this.#hash[entry] = hash;
    this.#used += length;
    this.#place(entry);
  }

  /** The key's UTF-8 bytes into the scratch buffer (grown to fit); returns their length. */
  #encode(key: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (key.length * 3 > this.#scratch.length) this.#scratch = new Uint8Array(key.length * 3);
    return this.#encoder.encodeInto(key, this.#scratch).written;
  }

  #find(hash: number, length: number): number {
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.#slots[slot]!;
      if (held === 0) return -1;
      const entry = held - 1;
      if (this.#hash[entry] === hash && this.#length[entry] === length && this.#same(entry, length))
        return entry;
    }
  }

  #same(entry: number, length: number): boolean {
    const start = this.#start[entry]!;
    for (let i = 0; i < length; i++) if (this.#bytes[start + i] !== this.#scratch[i]) return false;
    return true;
  }

  #place(entry: number): void {
    const mask = this.#slots.length - 1;
    let slot = this.#hash[entry]! & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = entry + 1;
  }

  #rehash(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    for (let entry = 0; entry < this.#size; entry++) this.#place(entry);
  }

  #growEntries(): void {
    const grow = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T) => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.#start = grow(this.#start, (n) => new Int32Array(n));
    this.#length = grow(this.#length, (n) => new Int32Array(n));
    this.#line = grow(this.#line, (n) => new Int32Array(n));
    this.#hash = grow(this.#hash, (n) => new Uint32Array(n));
  }
}

/** FNV-1a, 32 bits (Fowler, Noll and Vo): quick, and spreads keys that differ in one byte. */
function fnv1a(bytes: Uint8Array, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

import { inflateSync } from 'node:zlib';

/**
 * Reads a PDF we write the way a reader does, for tests, with no dependency: the header, the
 * cross-reference table (each object at the offset it gives), each object and its stream (at
 * its declared length, inflated), the document information, and the text drawn on each page,
 * decoded through its font's ToUnicode map. It throws on anything a reader would stumble on.
 * It knows only what pdfkit writes (direct stream lengths, one cross-reference section, text as
 * TJ arrays of glyph ids in hex), which is what Seconded serves.
 */

type PdfValue =
  null | boolean | number | string | PdfName | PdfRef | readonly PdfValue[] | PdfDict | Uint8Array;
interface PdfName {
  readonly name: string;
}
interface PdfRef {
  readonly ref: number;
}
type PdfDict = { readonly [key: string]: PdfValue };

interface PdfObject {
  readonly value: PdfValue;
  /** The stream's bytes, inflated when it is compressed. */
  readonly stream?: Uint8Array;
}

export interface EmbeddedFont {
  /** The font's name, with the six-letter tag of a subset (`BZZZZZ+DejaVuSans`). */
  readonly baseFont: string;
  /** Bytes of the embedded font program (compressed, as it travels). */
  readonly programBytes: number;
  /** The text each glyph id stands for. */
  readonly toUnicode: ReadonlyMap<number, string>;
}

export interface ReadPdf {
  readonly version: string;
  readonly info: Readonly<Record<string, string>>;
  readonly catalog: PdfDict;
  readonly pageSizes: readonly (readonly number[])[];
  readonly fonts: readonly EmbeddedFont[];
  /** Each page's text, a line per baseline. */
  readonly pages: readonly string[];
  /** All pages' text, lines joined by newlines. */
  readonly text: string;
  /** The text with each run of white space as one space, line breaks included: what a search finds. */
  readonly searchable: string;
  /** The trailer's file identifier, as hex. */
  readonly id: string;
  /** The structure elements' types, depth first (`Document`, `H1`, `P`…), if tagged. */
  readonly tags: readonly string[];
  /** Text-showing operators outside any marked content (what a screen reader would miss). */
  readonly untaggedText: number;
  /** The XMP metadata, if any, as text. */
  readonly metadata: string;
  /** A value with an indirect reference followed to its object. */
  resolve(value: PdfValue | undefined): PdfValue | undefined;
}

function fail(message: string): never {
  throw new Error(`invalid PDF: ${message}`);
}

const isDelimiter = (c: string | undefined) => c === undefined || /[\s()<>[\]{}/%]/.test(c);

/** A parser of PDF objects (ISO 32000 7.3) over a latin1 string, from a position. */
class Parser {
  constructor(
    private readonly s: string,
    public pos = 0,
  ) {}

  private skipSpace() {
    for (;;) {
      while (/\s/.test(this.s[this.pos] ?? '')) this.pos++;
      if (this.s[this.pos] !== '%') return;
      while (this.pos < this.s.length && !/[\r\n]/.test(this.s[this.pos]!)) this.pos++;
    }
  }

  private word(): string {
    const start = this.pos;
    while (!isDelimiter(this.s[this.pos])) this.pos++;
    return this.s.slice(start, this.pos);
  }

  value(): PdfValue {
    this.skipSpace();
    const c = this.s[this.pos];
    if (c === '/') {
      this.pos++;
      return { name: this.word().replace(/#([0-9a-f]{2})/gi, (_, h: string) => hexChar(h)) };
    }
    if (c === '(') return this.literal();
    if (c === '<' && this.s[this.pos + 1] === '<') return this.dict();
    if (c === '<') {
      const end = this.s.indexOf('>', this.pos);
      const hex = this.s.slice(this.pos + 1, end).replace(/\s/g, '');
      this.pos = end + 1;
      return Uint8Array.from(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
    }
    if (c === '[') {
      this.pos++;
      const items: PdfValue[] = [];
      for (this.skipSpace(); this.s[this.pos] !== ']'; this.skipSpace()) {
        if (this.pos >= this.s.length) fail('unclosed array');
        items.push(this.value());
      }
      this.pos++;
      return items;
    }
    const token = this.word();
    if (token === 'null') return null;
    if (token === 'true' || token === 'false') return token === 'true';
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) fail(`unexpected ${JSON.stringify(token)}`);
    const ref = /^\s+(\d+)\s+R(?=[\s/<>[\]()]|$)/.exec(this.s.slice(this.pos, this.pos + 20));
    if (ref && /^\d+$/.test(token) && ref[1] === '0') {
      this.pos += ref[0].length;
      return { ref: Number(token) };
    }
    return Number(token);
  }

  private dict(): PdfDict {
    this.pos += 2;
    const out: Record<string, PdfValue> = {};
    for (this.skipSpace(); !this.s.startsWith('>>', this.pos); this.skipSpace()) {
      const key = this.value();
      if (!isName(key)) fail('a dictionary key that is not a name');
      out[key.name] = this.value();
    }
    this.pos += 2;
    return out;
  }

  private literal(): string {
    const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    let out = '';
    let depth = 0;
    for (this.pos++; ; this.pos++) {
      const c = this.s[this.pos];
      if (c === undefined) fail('unclosed string');
      if (c === '\\') {
        const next = this.s[++this.pos]!;
        const octal = /^[0-7]{1,3}/.exec(this.s.slice(this.pos, this.pos + 3));
        if (octal) {
          out += String.fromCharCode(parseInt(octal[0], 8));
          this.pos += octal[0].length - 1;
        } else if (next !== '\n') out += ESCAPES[next] ?? next;
      } else if (c === ')' && depth === 0) {
        this.pos++;
        return out;
      } else {
        if (c === '(') depth++;
        if (c === ')') depth--;
        out += c;
      }
    }
  }
}

const hexChar = (hex: string) => String.fromCharCode(parseInt(hex, 16));
const isName = (v: PdfValue | undefined): v is PdfName =>
  typeof v === 'object' && v !== null && 'name' in v;
const isRef = (v: PdfValue | undefined): v is PdfRef =>
  typeof v === 'object' && v !== null && 'ref' in v;
const isDict = (v: PdfValue | undefined): v is PdfDict =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  !isName(v) &&
  !isRef(v);

/** A text string (7.9.2.2): UTF-16BE after a byte-order mark, otherwise one byte a character. */
function textString(raw: string): string {
  if (!raw.startsWith('\xfe\xff')) return raw;
  return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
}

const utf16be = (bytes: Uint8Array) => Buffer.from(bytes).swap16().toString('utf16le');

/** A ToUnicode CMap (9.10.3): glyph ids to the text they stand for, from bfchar and bfrange. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) {
      map.set(parseInt(code!, 16), utf16be(hex(text!)));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const ranges = block[1]!.matchAll(
      /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(?:<([0-9a-f\s]+)>|\[((?:\s*<[0-9a-f\s]+>)*)\s*\])/gi,
    );
    for (const [, lo, hi, start, list] of ranges) {
      const from = parseInt(lo!, 16);
      const to = parseInt(hi!, 16);
      const each = list ? [...list.matchAll(/<([0-9a-f\s]+)>/gi)].map((m) => m[1]!) : undefined;
      for (let code = from; code <= to; code++) {
        if (each) map.set(code, utf16be(hex(each[code - from]!)));
        else {
          const bytes = hex(start!);
          bytes[bytes.length - 1] = bytes.at(-1)! + code - from;
          map.set(code, utf16be(bytes));
        }
      }
    }
  }
  return map;
}

export function readPdf(bytes: Uint8Array): ReadPdf {
  const s = Buffer.from(bytes).toString('latin1');
  const version = /^%PDF-(\d\.\d)\r?\n/.exec(s)?.[1] ?? fail('no %PDF header');
  const tail = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(s) ?? fail('no startxref at the end');
  const xref = Number(tail[1]);
  const table = /^xref\s+0 (\d+)\s+/.exec(s.slice(xref)) ?? fail('startxref is not at xref');
  const count = Number(table[1]);
  const entriesAt = xref + table[0].length;
  const offsets: number[] = [];
  for (let id = 0; id < count; id++) {
    const entry = s.slice(entriesAt + 20 * id, entriesAt + 20 * id + 20);
    if (id === 0 && !entry.startsWith('0000000000 65535 f')) fail('xref entry 0 is not free');
    if (id === 0) continue;
    if (!/^\d{10} 00000 n[ \r][\r\n]$/.test(entry)) fail(`xref entry ${id}: ${entry}`);
    offsets[id] = Number(entry.slice(0, 10));
  }

  const objects = new Map<number, PdfObject>();
  for (let id = 1; id < count; id++) {
    const head = `${id} 0 obj`;
    if (s.slice(offsets[id], offsets[id]! + head.length) !== head) {
      fail(`object ${id} is not at offset ${offsets[id]}`);
    }
    const parser = new Parser(s, offsets[id]! + head.length);
    const value = parser.value();
    const rest = /^\s*stream\r?\n/.exec(s.slice(parser.pos, parser.pos + 10));
    if (!rest) {
      objects.set(id, { value });
      continue;
    }
    if (!isDict(value) || typeof value.Length !== 'number') fail(`stream ${id} has no /Length`);
    const start = parser.pos + rest[0].length;
    const end = start + value.Length;
    if (!/^\r?\nendstream/.test(s.slice(end, end + 12))) fail(`stream ${id} is not /Length long`);
    const raw = Buffer.from(s.slice(start, end), 'latin1');
    const compressed = isName(value.Filter) && value.Filter.name === 'FlateDecode';
    objects.set(id, { value, stream: compressed ? inflateSync(raw) : raw });
  }

  const get = (v: PdfValue | undefined): PdfValue | undefined =>
    isRef(v) ? (objects.get(v.ref) ?? fail(`no object ${v.ref}`)).value : v;
  const dict = (v: PdfValue | undefined): PdfDict => {
    const d = get(v);
    return isDict(d) ? d : fail(`expected a dictionary, got ${JSON.stringify(d)}`);
  };
  const stream = (v: PdfValue | undefined): Uint8Array =>
    (isRef(v) && objects.get(v.ref)?.stream) || fail('expected a stream');

  const trailer = new Parser(s, s.indexOf('trailer', entriesAt) + 'trailer'.length).value();
  if (!isDict(trailer)) fail('no trailer dictionary');
  const catalog = dict(trailer.Root);
  const info: Record<string, string> = {};
  for (const [key, value] of Object.entries(dict(trailer.Info))) {
    const v = get(value);
    if (typeof v === 'string') info[key] = textString(v);
  }
  const ids = get(trailer.ID);
  const id = Array.isArray(ids) ? Buffer.from(ids[0] as Uint8Array).toString('hex') : '';

  const fonts = new Map<number, EmbeddedFont>();
  const fontOf = (ref: PdfValue | undefined): EmbeddedFont => {
    if (!isRef(ref)) fail('a font that is not an indirect object');
    const known = fonts.get(ref.ref);
    if (known) return known;
    const font = dict(ref);
    const descendants = get(font.DescendantFonts);
    if (!Array.isArray(descendants)) fail('a font that is not a composite (Type0) font');
    const descriptor = dict(dict(descendants[0]).FontDescriptor);
    const program = descriptor.FontFile2;
    if (!isRef(program)) fail('a font that is not embedded');
    const made: EmbeddedFont = {
      baseFont: isName(font.BaseFont) ? font.BaseFont.name : '',
      programBytes: dict(program).Length as number,
      toUnicode: parseToUnicode(Buffer.from(stream(font.ToUnicode)).toString('latin1')),
    };
    fonts.set(ref.ref, made);
    return made;
  };

  const pageSizes: number[][] = [];
  const pages: string[] = [];
  const walk = (node: PdfDict) => {
    if (isName(node.Type) && node.Type.name === 'Pages') {
      for (const kid of (get(node.Kids) as PdfValue[]) ?? []) walk(dict(kid));
      return;
    }
    pageSizes.push(get(node.MediaBox) as number[]);
    const resourceFonts = dict(dict(node.Resources).Font ?? {});
    const content = Buffer.from(stream(node.Contents)).toString('latin1');
    const lines: string[] = [];
    let font: EmbeddedFont | undefined;
    // A line is the text shown on one baseline: pdfkit starts a new run (a Tm) on the same
    // baseline for a glyph it places apart, such as a combining mark.
    let baseline: number | undefined;
    let sameLine = false;
    const ops =
      /\/([^\s/]+)\s+[\d.]+\s+Tf|[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+Tm|\[([^\]]*)\]\s*TJ|<([0-9a-f]*)>\s*Tj/gi;
    for (const [, name, y, array, single] of content.matchAll(ops)) {
      if (name) {
        font = fontOf(resourceFonts[name]);
        continue;
      }
      if (y) {
        sameLine = baseline !== undefined && Math.abs(Number(y) - baseline) < 1;
        baseline = Number(y);
        continue;
      }
      if (!font) fail('text shown before a font is selected');
      const hex = array
        ? [...array.matchAll(/<([0-9a-f]*)>/gi)].map((m) => m[1]).join('')
        : single!;
      let text = '';
      for (let i = 0; i < hex.length; i += 4) {
        const glyph = parseInt(hex.slice(i, i + 4), 16);
        text += font.toUnicode.get(glyph) ?? fail(`glyph ${glyph} is not in the ToUnicode map`);
      }
      if (sameLine && lines.length) lines[lines.length - 1] += text;
      else lines.push(text);
      sameLine = true;
    }
    pages.push(lines.join('\n'));
  };
  walk(dict(catalog.Pages));

  const tags: string[] = [];
  const structure = (node: PdfValue | undefined) => {
    const value = get(node);
    if (Array.isArray(value)) for (const kid of value) structure(kid);
    else if (
      value &&
      typeof value === 'object' &&
      !isRef(value) &&
      !isName(value) &&
      !(value instanceof Uint8Array)
    ) {
      const element = value as PdfDict;
      if (isName(element.S)) tags.push(element.S.name);
      if (element.K !== undefined) structure(element.K);
    }
  };
  if (catalog.StructTreeRoot) structure(dict(catalog.StructTreeRoot).K);
  let untaggedText = 0;
  const countUntagged = (node: PdfDict) => {
    if (isName(node.Type) && node.Type.name === 'Pages') {
      for (const kid of (get(node.Kids) as PdfValue[]) ?? []) countUntagged(dict(kid));
      return;
    }
    let depth = 0;
    const content = Buffer.from(stream(node.Contents)).toString('latin1');
    for (const [, op] of content.matchAll(/(BDC|BMC|EMC|TJ|Tj)\b/g)) {
      if (op === 'BDC' || op === 'BMC') depth++;
      else if (op === 'EMC') depth--;
      else if (depth === 0) untaggedText++;
    }
  };
  countUntagged(dict(catalog.Pages));
  const metadata = catalog.Metadata ? Buffer.from(stream(catalog.Metadata)).toString('utf8') : '';

  return {
    resolve: get,
    tags,
    untaggedText,
    metadata,
    version,
    info,
    catalog,
    pageSizes,
    fonts: [...fonts.values()],
    pages,
    text: pages.join('\n'),
    searchable: pages.join('\n').replace(/\s+/g, ' ').trim(),
    id,
  };
}

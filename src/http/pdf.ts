/**
 * A minimal, correct PDF 1.4 writer for text documents (a resolution, minutes): pages of A4 with
 * a bold title and wrapped paragraphs, in the standard Courier fonts every PDF reader has (so no
 * font is embedded), with a cross-reference table whose offsets are exact. Courier's fixed
 * width makes wrapping exact without font metrics. Text is encoded in WinAnsi (Latin-1 plus
 * typographic quotes and dashes); anything else becomes "?".
 */

const PAGE = { width: 595, height: 842, margin: 56 } as const;
const BODY_SIZE = 10;
const TITLE_SIZE = 14;
const LEADING = 14;
/** Courier's glyphs are 600/1000 of the font size wide. */
const charsPerLine = (size: number) => Math.floor((PAGE.width - 2 * PAGE.margin) / (0.6 * size));

/** Unicode characters WinAnsiEncoding has outside Latin-1, with their codes. */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '™': 0x99,
};

/** The same characters in PDFDocEncoding, the encoding of the document's Title (PDF 1.7 D.2). */
const PDF_DOC: Record<string, number> = {
  '•': 0x80,
  '—': 0x84,
  '–': 0x85,
  '…': 0x83,
  '„': 0x8c,
  '“': 0x8d,
  '”': 0x8e,
  '‘': 0x8f,
  '’': 0x90,
  '‚': 0x91,
  '™': 0x92,
  '€': 0xa0,
};

/**
 * One string as single bytes (a latin1 JS string) in the given encoding, escaped for a PDF
 * literal string.
 */
function pdfString(text: string, extra: Record<string, number> = WIN_ANSI): string {
  let out = '';
  for (const ch of text) {
    const code = extra[ch] ?? ch.codePointAt(0)!;
    const byte =
      code < 0x20 || code > 0xff || (code >= 0x7f && code <= 0xa0 && !(ch in extra)) ? 0x3f : code;
    const c = String.fromCharCode(byte);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return `(${out})`;
}

/** Breaks a paragraph into lines of at most `width` characters, at spaces where it can. */
export function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    if (line) lines.push(line);
    line = '';
  };
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      flush();
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (line && line.length + 1 + w.length > width) flush();
    line = line ? `${line} ${w}` : w;
  }
  flush();
  return lines.length ? lines : [''];
}

interface Line {
  readonly text: string;
  readonly bold: boolean;
  readonly size: number;
}

/**
 * The document as PDF bytes. `paragraphs` are laid out in order, an empty string making a blank
 * line; `title` is set in bold at the top of the first page and is the document's Title.
 */
export function textPdf(props: {
  title: string;
  paragraphs: readonly string[];
  author?: string;
}): Uint8Array {
  const lines: Line[] = [
    ...wrap(props.title, charsPerLine(TITLE_SIZE)).map((text) => ({
      text,
      bold: true,
      size: TITLE_SIZE,
    })),
    { text: '', bold: false, size: BODY_SIZE },
  ];
  for (const p of props.paragraphs) {
    for (const raw of p.split('\n')) {
      const indent = /^\s*/.exec(raw)![0].length;
      for (const text of wrap(raw.trim(), charsPerLine(BODY_SIZE) - indent)) {
        lines.push({ text: `${' '.repeat(indent)}${text}`, bold: false, size: BODY_SIZE });
      }
    }
  }
  const perPage = Math.floor((PAGE.height - 2 * PAGE.margin) / LEADING);
  const pages: Line[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));

  // Objects: 1 catalog, 2 page tree, 3 Courier, 4 Courier-Bold, 5 info, then a page and its
  // content stream for each page.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>';
  objects[4] =
    '<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>';
  const info = (text: string) => pdfString(text, PDF_DOC);
  objects[5] = `<< /Title ${info(props.title)}${props.author ? ` /Author ${info(props.author)}` : ''} /Producer (Seconded) >>`;
  pages.forEach((pageLines, i) => {
    const ops = ['BT', `${PAGE.margin} ${PAGE.height - PAGE.margin} Td`, `${LEADING} TL`];
    let font = '';
    for (const line of pageLines) {
      const want = `/${line.bold ? 'F2' : 'F1'} ${line.size} Tf`;
      if (want !== font) ops.push((font = want));
      ops.push(`${pdfString(line.text)} Tj T*`);
    }
    ops.push('ET');
    const stream = ops.join('\n');
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  });

  // Every character above is one byte (latin1), so string lengths are byte offsets.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) {
    out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(Buffer.from(out, 'latin1'));
}

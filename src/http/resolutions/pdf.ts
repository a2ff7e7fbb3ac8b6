import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { currentLocale } from '../../messages/messages.ts';

/**
 * PDFs of text documents (a resolution, minutes): A4 pages with a bold title and wrapped
 * paragraphs, laid out by pdfkit in DejaVu Sans. The font is embedded as a subset of the glyphs
 * the document uses, with a map back to Unicode, so every Latin, Greek and Cyrillic letter and
 * the common symbols print (Łódź, Dvořák, Αθήνα, Київ, İstanbul, ₺, €, “ƒ”), and copying or
 * searching the text gives those letters back. DejaVu Sans is chosen over DejaVu Serif for its
 * wider coverage (arrows, check marks, more symbols); only the glyphs used are embedded, so the
 * larger font file costs nothing in the PDF.
 *
 * A character the font has no glyph for (Chinese, Japanese, some emoji) prints as U+FFFD "�":
 * embedding a CJK font would multiply the package and the PDF, the web page shows the text, and
 * without the substitution pdfkit would draw an empty box whose copied text is lost.
 */

const PAGE = { size: 'A4', margin: 56 } as const;
const TITLE_SIZE = 16;
const BODY_SIZE = 10.5;
const LINE_GAP = 2;
/** The space an empty paragraph leaves, in lines of body text. */
const BLANK_LINES = 0.6;
/** The most a paragraph is indented, as a share of the text's width. */
const MAX_INDENT = 0.25;
const REPLACEMENT = '\uFFFD';

const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontBytes: Record<FontName, Buffer> | undefined;
/**
 * The font files, read once: resolved as a package import so they are found wherever npm put
 * the package, under tsx and under node alike.
 */
function fonts(): Record<FontName, Buffer> {
  const require = createRequire(import.meta.url);
  fontBytes ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fontBytes;
}

/** What we use of the font pdfkit has selected: fontkit's glyph lookup (not in its types). */
interface SelectedFont {
  _font?: { font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean } };
}

/**
 * The text as the selected font can print it, in composed form (NFC: "e" and a combining acute
 * become "é", one glyph in the font rather than two placed apart). Tabs become spaces; control
 * and invisible format characters (joiners, direction marks, soft hyphens) are dropped, as
 * fontkit would draw them as spaces that copy out as spaces; a character with no glyph becomes
 * U+FFFD.
 */
function printable(doc: PDFKit.PDFDocument, text: string): string {
  const font = (doc as unknown as SelectedFont)._font?.font;
  let out = '';
  for (const ch of text.normalize('NFC').replaceAll('\t', ' ')) {
    if (/[\p{Cc}\p{Cf}]/u.test(ch)) continue;
    const shown = !font?.hasGlyphForCodePoint || font.hasGlyphForCodePoint(ch.codePointAt(0)!);
    out += shown ? ch : REPLACEMENT;
  }
  return out;
}

/**
 * The document as PDF bytes. `paragraphs` are laid out in order, an empty string making a
 * blank line and leading spaces an indent; `title` is set in bold at the top of the first page
 * and is the document's Title. `date` (its CreationDate) is the document's own date, not the
 * time of the request, so the same document gives the same bytes: pdfkit derives the file
 * identifier from the document information, which then does not change either.
 */
export function textPdf(props: PdfText): Promise<Uint8Array> {
  // The same text gives the same bytes, and laying out and subsetting the fonts costs tens of
  // milliseconds: a resolution downloaded again and again (it is public) is made once. The
  // key is the whole input, so a changed delivery record or language makes a new file.
  const key = JSON.stringify([currentLocale(), props]);
  let made = recent.get(key);
  if (made) recent.delete(key);
  else {
    made = renderTextPdf(props);
    made.catch(() => recent.delete(key));
  }
  recent.set(key, made);
  if (recent.size > RECENT_DOCUMENTS) recent.delete(recent.keys().next().value!);
  return made;
}

interface PdfText {
  title: string;
  paragraphs: readonly string[];
  date: string | Date;
  author?: string;
  keywords?: string;
}

/** The most recently asked-for documents (a Map keeps insertion order: the oldest first). */
const recent = new Map<string, Promise<Uint8Array>>();
const RECENT_DOCUMENTS = 32;

/** The document made afresh (textPdf keeps the recent ones). */
export async function renderTextPdf(props: PdfText): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    autoFirstPage: false,
    // PDF/A-2a (ISO 19005-2, "accessible" conformance) for keeping: fonts embedded with a
    // Unicode map, an sRGB output intent, XMP metadata; and PDF/UA-1 (ISO 14289-1) for reading:
    // tagged throughout (the title a heading, each paragraph a P), its language and title
    // shown, so a screen reader reads it in order. pdfkit writes one subset's mark; the
    // pdfuaid mark is added to the same metadata below. Both are built on PDF 1.7.
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: currentLocale(),
    displayTitle: true,
    info: {
      Title: props.title,
      ...(props.author ? { Author: props.author } : {}),
      ...(props.keywords ? { Keywords: props.keywords } : {}),
      Creator: 'Seconded',
      Producer: 'Seconded (PDFKit)',
      CreationDate: new Date(props.date),
    },
  });
  escapeXmpInformation(doc);
  const { regular, bold } = fonts();
  doc.registerFont('regular', regular).registerFont('bold', bold);
  const document = doc.struct('Document');
  doc.addStructure(document);
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  doc.addPage();
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('bold', TITLE_SIZE);
  doc.text(printable(doc, props.title), {
    width,
    lineGap: LINE_GAP,
    structParent: document,
    structType: 'H1',
  });
  doc.moveDown(0.5);
  doc.font('regular', BODY_SIZE);
  const space = doc.widthOfString(' ');
  for (const paragraph of props.paragraphs) {
    for (const line of paragraph.split(/\r?\n|\u2028|\u2029/)) {
      const text = line.trim();
      if (!text) {
        doc.moveDown(BLANK_LINES);
        continue;
      }
      // Capped: pdfkit loops for ever on a line narrower than its first glyph.
      const spaces = /^\s*/.exec(line.replaceAll('\t', '    '))![0].length;
      const indent = Math.min(spaces * space, width * MAX_INDENT);
      doc.text(printable(doc, text), {
        width,
        lineGap: LINE_GAP,
        indent,
        indentAllLines: true,
        structParent: document,
        structType: 'P',
      });
    }
  }
  document.end();
  doc.appendXML(PDFUA_IDENTIFICATION);
  doc.end();
  return bytes;
}

/** The PDF/UA-1 identification schema's entry (ISO 14289-1, 5). */
const PDFUA_IDENTIFICATION = `
<rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
  <pdfuaid:part>1</pdfuaid:part>
</rdf:Description>`;

const xmlEscaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What pdfkit keeps of the document information while it writes it (not in its types). */
interface InformationWriter {
  info: Record<string, unknown>;
  _addInfo(): void;
}

/**
 * pdfkit copies the title and author into the XMP metadata as they are, unescaped, so a title
 * such as "Rent & rates <2026>" would make that XML ill-formed (and a PDF/UA or PDF/A checker
 * refuse the file). It is given them escaped for that one step; the document information
 * dictionary keeps them as they are.
 */
function escapeXmpInformation(doc: PDFKit.PDFDocument) {
  const writer = doc as unknown as InformationWriter;
  const addInfo = writer._addInfo.bind(writer);
  writer._addInfo = () => {
    const { info } = writer;
    writer.info = Object.fromEntries(
      Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? xmlEscaped(v) : v]),
    );
    try {
      addInfo();
    } finally {
      writer.info = info;
    }
  };
}

import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/pdf.ts';
import { renderTextPdf, textPdf } from './pdf.ts';

describe('a text PDF', () => {
  const DATE = '2026-07-01T19:30:00.000Z';

  it('prints every European script and common symbol in an embedded subset of DejaVu Sans', async () => {
    const words = ['Łódź', 'Dvořák', 'Αθήνα', 'Київ', 'İstanbul', '—', '€', '₺ 12', '“ƒ”', '№ 5'];
    const pdf = readPdf(
      await textPdf({ title: `Branches: ${words.join(' ')}`, date: DATE, paragraphs: words }),
    );
    for (const word of words) expect(pdf.text.split('\n')).toContain(word);
    expect(pdf.info.Title).toBe(`Branches: ${words.join(' ')}`);
    expect(pdf.pageSizes).toEqual([[0, 0, 595.28, 841.89]]);
    // Bold for the title, regular for the text, each a subset of its font (a 700 KB file).
    expect(pdf.fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, ''))).toEqual([
      'DejaVuSans-Bold',
      'DejaVuSans',
    ]);
    for (const font of pdf.fonts) {
      expect(font.baseFont).toMatch(/^[A-Z]{6}\+/);
      expect(font.programBytes).toBeLessThan(15_000);
    }
  });

  it('prints a character no font here has as U+FFFD, and drops control characters', async () => {
    const pdf = readPdf(
      await textPdf({
        title: 'Tokyo 東京',
        date: DATE,
        paragraphs: ['Greetings 👋 to 東京\u0001 and Łódź', 'e\u0301lan\tand\u00adon'],
      }),
    );
    expect(pdf.text).toBe(
      'Tokyo \uFFFD\uFFFD\nGreetings \uFFFD to \uFFFD\uFFFD and Łódź\nélan andon',
    );
  });

  it('gives the same bytes for the same document and date, whenever it is made', async () => {
    const doc = { title: 'Rent', date: DATE, paragraphs: ['Rent & rates (2026)'] };
    const first = await renderTextPdf(doc);
    expect(Buffer.from(await renderTextPdf(doc)).equals(Buffer.from(first))).toBe(true);
    const pdf = readPdf(first);
    expect(pdf.info.CreationDate).toBe('D:20260701193000Z');
    expect(readPdf(await renderTextPdf({ ...doc, date: '2026-07-02' })).id).not.toBe(pdf.id);
  });

  it('makes a document asked for again only once, and a changed one afresh', async () => {
    const doc = { title: 'Asked for often', date: DATE, paragraphs: ['Public, and downloaded.'] };
    const first = await textPdf(doc);
    expect(await textPdf({ ...doc })).toBe(first);
    expect(Buffer.from(first).equals(Buffer.from(await renderTextPdf(doc)))).toBe(true);
    const changed = await textPdf({ ...doc, paragraphs: ['Public, and downloaded. Answered.'] });
    expect(changed).not.toBe(first);
    expect(readPdf(changed).text).toContain('Answered.');
  });

  it('spreads a long text over pages, blank lines as space rather than text', async () => {
    const pdf = readPdf(
      await textPdf({
        title: 'A (long) text',
        paragraphs: Array.from({ length: 120 }, (_, i) => (i % 2 ? `    Line ${i}` : '')),
        date: DATE,
      }),
    );
    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(pdf.text.split('\n')).toEqual([
      'A (long) text',
      ...Array.from({ length: 60 }, (_, i) => `Line ${2 * i + 1}`),
    ]);
    // Tagged on every page: a heading, then one paragraph for each line of text.
    expect(pdf.tags).toEqual(['Document', 'H1', ...Array<string>(60).fill('P')]);
    expect(pdf.untaggedText).toBe(0);
  });

  it('indents by leading spaces, never so far that no text fits (pdfkit would loop for ever)', async () => {
    const pdf = readPdf(
      await textPdf({ title: 'T', date: DATE, paragraphs: [`${' '.repeat(400)}deep`] }),
    );
    expect(pdf.text).toBe('T\ndeep');
  });

  it('is PDF/A-2a and PDF/UA: tagged throughout, a heading and paragraphs in reading order, language and title shown', async () => {
    const pdf = readPdf(
      await renderTextPdf({
        title: 'Rent & rates <2026> "now"',
        date: DATE,
        paragraphs: ['This meeting:', '1. Calls on the council.', '', '2. Resolves to act.'],
        author: 'Camden & Islington',
      }),
    );
    expect(pdf.version).toBe('1.7');
    expect(pdf.tags).toEqual(['Document', 'H1', 'P', 'P', 'P']);
    expect(pdf.untaggedText).toBe(0);
    expect(pdf.resolve(pdf.catalog.MarkInfo)).toEqual({ Marked: true });
    expect(pdf.resolve(pdf.catalog.Lang)).toBe('en');
    expect(pdf.resolve(pdf.catalog.ViewerPreferences)).toMatchObject({ DisplayDocTitle: true });
    // The XMP metadata says PDF/A-2a and PDF/UA-1, and is well-formed XML whatever the title holds.
    expect(pdf.metadata).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(pdf.metadata).toMatch(
      /<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/,
    );
    expect(pdf.resolve(pdf.catalog.OutputIntents)).toHaveLength(1);
    expect(pdf.metadata).toContain('Rent &amp; rates &lt;2026&gt; &quot;now&quot;');
    expect(pdf.metadata).toContain('Camden &amp; Islington');
    expect(pdf.metadata).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#)/);
    expect(pdf.info.Title).toBe('Rent & rates <2026> "now"');
  });
});

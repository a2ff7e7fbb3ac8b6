import { describe, expect, it } from 'vitest';
import { childrenNamed, childText, parseXml } from '../../../test/xml.ts';
import { CHAIN_HEAD_NS, renderAtom } from './atom.ts';

describe('an Atom feed', () => {
  const feed = (titles: string[]) =>
    renderAtom({
      id: 'http://seconded.test/r/org/feed.atom',
      title: 'Resolutions & minutes of <Org>',
      author: 'Org "A"',
      selfUrl: 'http://seconded.test/r/org/feed.atom',
      alternateUrl: 'http://seconded.test/r/org',
      fallbackUpdated: '1970-01-01T00:00:00.000Z',
      entries: titles.map((title, i) => ({
        id: `http://seconded.test/r/org/${i}`,
        title,
        url: `http://seconded.test/r/org/${i}?a=1&b=2`,
        updated: `2026-07-0${i + 1}T12:00:00.000Z`,
        summary: 'carried: 23–4 \u0001',
      })),
    });

  it('escapes every text, drops characters XML forbids, and dates itself by its newest entry', () => {
    const doc = parseXml(feed(['Rent & <control>', 'Second']));
    expect(childText(doc, 'title')).toBe('Resolutions & minutes of <Org>');
    expect(childText(doc, 'updated')).toBe('2026-07-02T12:00:00.000Z');
    const entries = childrenNamed(doc, 'entry');
    expect(entries.map((e) => childText(e, 'title'))).toEqual(['Rent & <control>', 'Second']);
    expect(childrenNamed(entries[0]!, 'link')[0]!.attributes.href).toBe(
      'http://seconded.test/r/org/0?a=1&b=2',
    );
    expect(childText(entries[0]!, 'summary')).toBe('carried: 23–4');
  });

  it('is valid with no entries, dated by its fallback', () => {
    expect(childText(parseXml(feed([])), 'updated')).toBe('1970-01-01T00:00:00.000Z');
  });

  it('carries a signed chain head as a link and one extension element whose attributes are its fields', () => {
    const head = {
      format: 'seconded-chain-head/1' as const,
      organisationId: 'org-1',
      organisation: 'a&b',
      seq: 0,
      hash: '0'.repeat(64),
      at: null,
      key: 'ab'.repeat(32),
      signature: 'cd'.repeat(64),
    };
    const doc = parseXml(
      renderAtom({
        id: 'http://seconded.test/r/a&b/feed.atom',
        title: 'T',
        author: 'A',
        selfUrl: 'http://seconded.test/r/a&b/feed.atom',
        alternateUrl: 'http://seconded.test/r/a&b',
        fallbackUpdated: '1970-01-01T00:00:00.000Z',
        entries: [],
        chainHead: { url: 'http://seconded.test/r/a&b/chain', title: 'Head "of" chain', head },
      }),
    );
    expect(doc.attributes['xmlns:seconded']).toBe(CHAIN_HEAD_NS);
    expect(childrenNamed(doc, 'link').map((l) => l.attributes.title)).toContain('Head "of" chain');
    // A null time is left out, as a reader rebuilding the head reads a missing one as null.
    expect(childrenNamed(doc, 'seconded:chain-head')[0]!.attributes).toEqual({
      format: head.format,
      organisationId: 'org-1',
      organisation: 'a&b',
      seq: '0',
      hash: head.hash,
      key: head.key,
      signature: head.signature,
    });
  });
});

import type { SignedChainHead } from '../../domain/chain-head.ts';

/**
 * Atom feeds (RFC 4287) of published resolutions and minutes. Written by hand: a feed is a few
 * elements, and every text is escaped here, in one place.
 */

/** The namespace of the signed chain head in a feed (an Atom extension, RFC 4287 §6). */
export const CHAIN_HEAD_NS = 'urn:seconded:chain-head:1';

export interface AtomEntry {
  /** A permanent IRI: the entry's public address. */
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly updated: string;
  readonly summary: string;
  /** The entry's whole text, plain: feed readers show it in place (RFC 4287 §4.1.3). */
  readonly content?: string;
  readonly category?: string;
}

export interface AtomFeed {
  readonly id: string;
  readonly title: string;
  readonly author: string;
  readonly selfUrl: string;
  readonly alternateUrl: string;
  /** When nothing is published yet: the feed's own date. */
  readonly fallbackUpdated: string;
  readonly entries: readonly AtomEntry[];
  /**
   * The organisation's signed audit-chain head and its address: a reader or archive that keeps
   * the feed keeps a copy of the head, which a rewrite of the chain cannot match.
   */
  readonly chainHead?: {
    readonly url: string;
    readonly title: string;
    readonly head: SignedChainHead;
  };
}

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 does not allow at all are dropped rather than break the feed.
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** The feed as an XML document. `updated` is the newest entry's date (RFC 4287 §4.2.15). */
export function renderAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce(
    (max, e) => (e.updated > max ? e.updated : max),
    feed.entries.length ? '' : feed.fallbackUpdated,
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    feed.chainHead
      ? `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:seconded="${CHAIN_HEAD_NS}">`
      : '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternateUrl)}"/>`,
    ...(feed.chainHead ? chainHeadLines(feed.chainHead) : []),
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <updated>${escapeXml(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
      ...(e.category ? [`    <category term="${escapeXml(e.category)}"/>`] : []),
      `    <summary>${escapeXml(e.summary)}</summary>`,
      ...(e.content ? [`    <content type="text">${escapeXml(e.content)}</content>`] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/**
 * A link to the chain head document, and the head itself as one element whose attributes are
 * the document's fields, so the signed head can be rebuilt from a kept copy of the feed.
 */
function chainHeadLines({ url, title, head }: NonNullable<AtomFeed['chainHead']>): string[] {
  const fields: [string, string | number | null][] = [
    ['format', head.format],
    ['organisationId', head.organisationId],
    ['organisation', head.organisation],
    ['seq', head.seq],
    ['hash', head.hash],
    ['at', head.at],
    ['key', head.key],
    ['signature', head.signature],
  ];
  const attributes = fields
    .filter(([, v]) => v !== null)
    .map(([name, v]) => `${name}="${escapeXml(String(v))}"`)
    .join(' ');
  return [
    `  <link rel="related" type="application/json" href="${escapeXml(url)}" title="${escapeXml(title)}"/>`,
    `  <seconded:chain-head ${attributes}/>`,
  ];
}

/**
 * A small, strict XML parser for tests that check a document we write (Atom feeds): elements,
 * attributes, text and the predefined and numeric entities. It throws on anything not
 * well-formed (a bare & or <, a tag closed out of order, an unquoted attribute, text after the
 * root), which is what a feed reader would refuse.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  if (/[<]/.test(raw)) throw new Error(`bare < in ${JSON.stringify(raw)}`);
  return raw.replace(/&([^;]*);|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare & in ${JSON.stringify(raw)}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name);
    if (!num) throw new Error(`unknown entity &${name};`);
    return String.fromCodePoint(
      num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]),
    );
  });
}

export function parseXml(source: string): XmlElement {
  let s = source.replace(/^\uFEFF/, '');
  const decl = /^<\?xml[^?]*\?>\s*/.exec(s);
  if (decl) s = s.slice(decl[0].length);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < s.length) {
    if (s[i] === '<') {
      const end = s.indexOf('>', i);
      if (end < 0) throw new Error('unclosed tag');
      const tag = s.slice(i + 1, end);
      i = end + 1;
      if (tag.startsWith('/')) {
        const open = stack.pop();
        if (!open || open.name !== tag.slice(1).trim())
          throw new Error(`</${tag.slice(1)}> closes <${open?.name}>`);
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m =
        /^([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*$/.exec(body);
      if (!m) throw new Error(`malformed tag <${tag}>`);
      const attributes: Record<string, string> = {};
      for (const a of m[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1]! in attributes) throw new Error(`duplicate attribute ${a[1]}`);
        attributes[a[1]!] = decode(a[2] ?? a[3] ?? '');
      }
      const el: XmlElement = { name: m[1]!, attributes, children: [], text: '' };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new Error('a second root element');
      else root = el;
      if (!selfClosing) stack.push(el);
    } else {
      const next = s.indexOf('<', i);
      const raw = s.slice(i, next < 0 ? s.length : next);
      i = next < 0 ? s.length : next;
      if (!stack.length) {
        if (raw.trim()) throw new Error('text outside the root element');
        continue;
      }
      stack[stack.length - 1]!.text += decode(raw);
    }
  }
  if (stack.length || !root) throw new Error('the document ends inside an element');
  return root;
}

/** The children of an element with a name. */
export const childrenNamed = (el: XmlElement, name: string) =>
  el.children.filter((c) => c.name === name);
export const childText = (el: XmlElement, name: string) => childrenNamed(el, name)[0]?.text.trim();

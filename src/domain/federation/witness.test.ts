import { describe, expect, it } from 'vitest';
import { checkExtends, type ChainLink } from './witness.ts';

const h = (n: number) => n.toString(16).padStart(64, '0');
/** Links 1..n of a chain whose entry k has hash h(k) (and h(1000 + k) in a rewritten one). */
const chain = (n: number, base = 0): ChainLink[] =>
  Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    prevHash: i === 0 ? h(0) : h(base + i),
    hash: h(base + i + 1),
  }));

describe('a witness checks that a new head extends the one it holds', () => {
  it('accepts a first head, the same head again, and a longer chain whose links join up', () => {
    expect(checkExtends(null, { seq: 3, hash: h(3) }, [])).toBeNull();
    expect(checkExtends({ seq: 3, hash: h(3) }, { seq: 3, hash: h(3) }, [])).toBeNull();
    expect(
      checkExtends({ seq: 3, hash: h(3) }, { seq: 5, hash: h(5) }, chain(5).slice(3)),
    ).toBeNull();
  });

  it('refuses a head that goes back, one rewritten at the same number, and a longer one built on a rewrite', () => {
    expect(checkExtends({ seq: 3, hash: h(3) }, { seq: 2, hash: h(2) }, [])).toMatchObject({
      code: 'went-back',
      seq: 2,
    });
    expect(checkExtends({ seq: 3, hash: h(3) }, { seq: 3, hash: h(1003) }, [])).toMatchObject({
      code: 'rewritten',
      seq: 3,
    });
    const rewritten = chain(5, 1000).slice(3);
    expect(
      checkExtends({ seq: 3, hash: h(3) }, { seq: 5, hash: h(1005) }, rewritten),
    ).toMatchObject({ code: 'rewritten', seq: 3 });
  });

  it('refuses links with a gap, or that end short of the head', () => {
    const links = chain(6).slice(3);
    expect(
      checkExtends({ seq: 3, hash: h(3) }, { seq: 6, hash: h(6) }, [links[0]!, links[2]!]),
    ).toMatchObject({ code: 'does-not-extend' });
    expect(
      checkExtends({ seq: 3, hash: h(3) }, { seq: 6, hash: h(6) }, links.slice(0, 2)),
    ).toMatchObject({ code: 'does-not-extend', seq: 6 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_PROXIES, type ProxyRules } from '../organisations/standing-orders.ts';
import {
  assertMayLodgeProxy,
  assertMayVoteByProxy,
  proxiesInRoom,
  beforeProxyDeadline,
  presentForQuorum,
  proxyDeadline,
  type ProxyLodging,
} from './proxies.ts';

const allowing: ProxyRules = {
  allowed: true,
  maxPerHolder: 2,
  kinds: ['ballots', 'meeting-votes'],
  deadlineHours: 24,
  countToQuorum: true,
};

const lodging = (over: Partial<ProxyLodging> = {}): ProxyLodging => ({
  rules: allowing,
  kinds: ['ballots'],
  giverId: 'g',
  holderId: 'h',
  holderIsElector: true,
  giverIsElector: true,
  inTime: true,
  standing: [],
  ...over,
});

const codeOf = (l: ProxyLodging) => {
  try {
    assertMayLodgeProxy(l);
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

const person = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const proxyList = fc.array(fc.record({ giverId: person, holderId: person }), { maxLength: 8 });
const rulesArb = fc.record({
  allowed: fc.boolean(),
  maxPerHolder: fc.integer({ min: 1, max: 5 }),
  kinds: fc.subarray(['meeting-votes', 'ballots', 'elections'] as const),
  deadlineHours: fc.integer({ min: 0, max: 72 }),
  countToQuorum: fc.boolean(),
});

describe('lodging a proxy', () => {
  it('is accepted when the rules allow it, in time, for another elector', () => {
    expect(codeOf(lodging())).toBeNull();
  });

  it('is refused with a code for each reason', () => {
    expect(codeOf(lodging({ rules: NO_PROXIES }))).toBe('PROXY_NOT_ALLOWED');
    expect(codeOf(lodging({ kinds: ['elections'] }))).toBe('PROXY_NOT_ALLOWED');
    expect(codeOf(lodging({ holderId: 'g' }))).toBe('PROXY_FOR_SELF');
    expect(codeOf(lodging({ giverIsElector: false }))).toBe('NOT_ELIGIBLE');
    expect(codeOf(lodging({ holderIsElector: false }))).toBe('PROXY_HOLDER_NOT_ELECTOR');
    expect(codeOf(lodging({ inTime: false }))).toBe('PROXY_DEADLINE_PASSED');
    expect(codeOf(lodging({ standing: [{ giverId: 'g', holderId: 'x' }] }))).toBe(
      'PROXY_DUPLICATE',
    );
    expect(
      codeOf(
        lodging({
          standing: [
            { giverId: 'x', holderId: 'h' },
            { giverId: 'y', holderId: 'h' },
          ],
        }),
      ),
    ).toBe('PROXY_LIMIT_REACHED');
  });

  it('never lets a holder go over the limit, nor a giver give twice, whatever was lodged before', () => {
    fc.assert(
      fc.property(rulesArb, proxyList, person, person, (rules, standing, giverId, holderId) => {
        const l = lodging({ rules, standing, giverId, holderId, kinds: ['ballots'] });
        if (codeOf(l) !== null) return;
        // Accepted: the rules allow it, and adding it keeps every holder within the limit.
        expect(rules.allowed && rules.kinds.includes('ballots')).toBe(true);
        expect(giverId).not.toBe(holderId);
        expect(standing.some((p) => p.giverId === giverId)).toBe(false);
        const after = [...standing, { giverId, holderId }];
        expect(after.filter((p) => p.holderId === holderId).length).toBeLessThanOrEqual(
          rules.maxPerHolder,
        );
      }),
    );
  });
});

describe('the proxy deadline', () => {
  it('falls the given hours before the start, and none is lodged once the vote has begun', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 720 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: -100_000_000, max: 100_000_000 }),
        (hours, start, offset) => {
          const startsAt = new Date(start).toISOString();
          const deadline = proxyDeadline({ ...allowing, deadlineHours: hours }, startsAt)!;
          expect(Date.parse(startsAt) - Date.parse(deadline)).toBe(hours * 3_600_000);
          const now = new Date(Date.parse(deadline) + offset).toISOString();
          expect(beforeProxyDeadline(deadline, now, false)).toBe(offset < 0);
          expect(beforeProxyDeadline(deadline, now, true)).toBe(false);
        },
      ),
    );
  });

  it('is open until the ballot opens when its opening is not scheduled', () => {
    expect(proxyDeadline(allowing, null)).toBeNull();
    expect(beforeProxyDeadline(null, '2026-01-01T00:00:00.000Z', false)).toBe(true);
  });
});

describe('the quorum with proxies', () => {
  it('counts each absent giver whose holder is present, once, only where the rules say so', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.uniqueArray(person, { maxLength: 6 }),
        proxyList,
        (proxies, presentIds, list) => {
          const p = presentForQuorum(presentIds, list, { proxies });
          const n = presentIds.length;
          expect(p).toBeGreaterThanOrEqual(n);
          if (!proxies.allowed || !proxies.countToQuorum) expect(p).toBe(n);
          // Never more than the members who could be there: those present and distinct givers.
          expect(p).toBeLessThanOrEqual(n + new Set(list.map((x) => x.giverId)).size);
          // A present giver is not counted twice.
          const all = presentForQuorum(
            presentIds,
            list.map((x) => ({ ...x, giverId: presentIds[0] ?? x.giverId })),
            { proxies },
          );
          if (presentIds.length) expect(all).toBe(n);
        },
      ),
    );
  });

  it('gives 3 for two members present, one holding a proxy, when proxies count', () => {
    const list = [{ giverId: 'c', holderId: 'a' }];
    expect(presentForQuorum(['a', 'b'], list, { proxies: allowing })).toBe(3);
    expect(
      presentForQuorum(['a', 'b'], list, { proxies: { ...allowing, countToQuorum: false } }),
    ).toBe(2);
  });
});

describe('voting with a proxy', () => {
  const use = (over: Partial<Parameters<typeof assertMayVoteByProxy>[0]> = {}) => {
    try {
      assertMayVoteByProxy({
        rules: allowing,
        kind: 'ballots',
        giverId: 'g',
        holderId: 'h',
        standing: [
          { giverId: 'x', holderId: 'h' },
          { giverId: 'g', holderId: 'h' },
        ],
        ...over,
      });
      return null;
    } catch (e) {
      return (e as { code: string }).code;
    }
  };

  it('is allowed to the holder of a proxy that stands, within the limit', () => {
    expect(use()).toBeNull();
  });

  it('is refused when the rules no longer allow it, without a proxy, or past a lowered limit', () => {
    expect(use({ rules: NO_PROXIES })).toBe('PROXY_NOT_ALLOWED');
    expect(use({ kind: 'elections' })).toBe('PROXY_NOT_ALLOWED');
    expect(use({ holderId: 'y' })).toBe('NOT_ELIGIBLE');
    expect(use({ giverId: 'z' })).toBe('NOT_ELIGIBLE');
    expect(use({ rules: { ...allowing, maxPerHolder: 1 } })).toBe('PROXY_LIMIT_REACHED');
    expect(use({ rules: { ...allowing, maxPerHolder: 1 }, giverId: 'x' })).toBeNull();
  });
});

describe('proxies in the room', () => {
  const list = [
    { giverId: 'x', holderId: 'h' },
    { giverId: 'y', holderId: 'h' },
    { giverId: 'z', holderId: 'h' },
    { giverId: 'p', holderId: 'h' },
    { giverId: 'w', holderId: 'away' },
  ];

  it('gives the holder present the proxies of members away, the first lodged up to the limit', () => {
    // p is present and votes in person; w's holder is away; h may use two.
    expect(proxiesInRoom(['h', 'p'], list, { proxies: allowing })).toEqual([
      { giverId: 'x', holderId: 'h' },
      { giverId: 'y', holderId: 'h' },
    ]);
  });

  it('gives none where the rules keep proxies out of votes in the room', () => {
    expect(proxiesInRoom(['h'], list, { proxies: { ...allowing, kinds: ['ballots'] } })).toEqual(
      [],
    );
    expect(proxiesInRoom(['h'], list, { proxies: NO_PROXIES })).toEqual([]);
  });
});

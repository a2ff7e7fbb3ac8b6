import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FORGET_AFTER_MS,
  LONGEST_DELAY_MS,
  PER_ACCOUNT_AND_ADDRESS,
  addressGroup,
  heldUntil,
} from './sign-in-throttle.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 6) + ms);
const failures = fc.integer({ min: 0, max: 1_000 });
const since = fc.integer({ min: 0, max: 2 * FORGET_AFTER_MS });

describe('sign-in delays', () => {
  it('lets every attempt through while the failures are within the allowance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PER_ACCOUNT_AND_ADDRESS.free - 1 }), since, (n, ms) => {
        const count = { failures: n, lastFailureAt: at(0) };
        expect(heldUntil(count, PER_ACCOUNT_AND_ADDRESS, at(ms))).toBeNull();
      }),
    );
  });

  it('doubles the delay from one second with each failure past the allowance', () => {
    const free = PER_ACCOUNT_AND_ADDRESS.free;
    const delay = (n: number) =>
      heldUntil({ failures: n, lastFailureAt: at(0) }, PER_ACCOUNT_AND_ADDRESS, at(0))!.getTime() -
      at(0).getTime();
    expect([free, free + 1, free + 2, free + 3].map(delay)).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never holds an attempt longer than the longest delay after the last failure', () => {
    fc.assert(
      fc.property(failures, since, (n, ms) => {
        const until = heldUntil(
          { failures: n, lastFailureAt: at(0) },
          PER_ACCOUNT_AND_ADDRESS,
          at(ms),
        );
        if (until) expect(until.getTime() - at(0).getTime()).toBeLessThanOrEqual(LONGEST_DELAY_MS);
        if (until) expect(until.getTime()).toBeGreaterThan(at(ms).getTime());
      }),
    );
  });

  it('holds at least as long after more failures', () => {
    fc.assert(
      fc.property(failures, failures, since, (a, b, ms) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        const hold = (n: number) =>
          heldUntil(
            { failures: n, lastFailureAt: at(0) },
            PER_ACCOUNT_AND_ADDRESS,
            at(ms),
          )?.getTime() ?? 0;
        expect(hold(more)).toBeGreaterThanOrEqual(hold(fewer));
      }),
    );
  });

  it('forgets a count an hour after its last failure', () => {
    fc.assert(
      fc.property(failures, (n) => {
        const count = { failures: n, lastFailureAt: at(0) };
        expect(heldUntil(count, PER_ACCOUNT_AND_ADDRESS, at(FORGET_AFTER_MS))).toBeNull();
      }),
    );
  });
});

describe('the address failures are counted under', () => {
  it('is the address itself for IPv4, mapped or not', () => {
    expect(addressGroup('192.0.2.7')).toBe('192.0.2.7');
    expect(addressGroup('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('is the /64 for IPv6, however the address is written', () => {
    const group = '2001:db8:0:1::/64';
    expect(addressGroup('2001:db8:0:1::1')).toBe(group);
    expect(addressGroup('2001:0DB8:0000:0001:ffff:1:2:3')).toBe(group);
    expect(addressGroup('2001:db8::1:0:0:0:9')).toBe(group);
    expect(addressGroup('2001:db8:0:2::1')).not.toBe(group);
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
  });

  it('is the /64 of every IPv6 address whatever its last 64 bits', () => {
    const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(fc.array(hextet, { minLength: 4, maxLength: 4 }), (tail) => {
        expect(addressGroup(`2001:db8:7:8:${tail.join(':')}`)).toBe('2001:db8:7:8::/64');
      }),
    );
  });

  it('leaves what is not an address as it is', () => {
    expect(addressGroup('local')).toBe('local');
    expect(addressGroup('1:2:3')).toBe('1:2:3');
  });
});

import { describe, expect, it } from 'vitest';
import { PRESETS, presetStandingOrders, standingOrdersSchema } from './standing-orders.ts';

describe('standing orders presets', () => {
  it('are valid standing orders', () => {
    for (const preset of Object.values(PRESETS))
      expect(standingOrdersSchema.parse(preset)).toEqual(preset);
  });

  it('follow Citrine: a tie is not carried, no amendments to amendments', () => {
    expect(PRESETS.citrine.tieRule).toBe('not-carried');
    expect(PRESETS.citrine.amendmentDepth).toBe(1);
  });

  it("follow Robert's Rules: a tie is lost, quorum a majority of members, secondary amendments", () => {
    expect(PRESETS.ronr.tieRule).toBe('lost');
    expect(PRESETS.ronr.quorum).toEqual({ kind: 'fraction', of: 0.5 });
    expect(PRESETS.ronr.amendmentDepth).toBe(2);
  });

  it('are copied, so adjusting one body does not change the preset', () => {
    const mine = presetStandingOrders('citrine');
    mine.noticeDays = 1;
    expect(PRESETS.citrine.noticeDays).toBe(7);
  });

  it('refuse nonsense such as a quorum fraction above one', () => {
    expect(
      standingOrdersSchema.safeParse({ ...PRESETS.ronr, quorum: { kind: 'fraction', of: 2 } })
        .success,
    ).toBe(false);
  });
});

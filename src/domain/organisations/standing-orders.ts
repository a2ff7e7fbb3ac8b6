import { z } from 'zod';

/**
 * Standing orders (a RuleSet, DESIGN.md section 3): per body, stored as data. Two presets to
 * start from: `citrine`, UK labour-movement practice after Walter Citrine's *ABC of
 * Chairmanship*, and `ronr`, Robert's Rules of Order Newly Revised (12th ed.).
 */

export const THRESHOLDS = [
  'simple-majority-of-votes-cast',
  'two-thirds-of-votes-cast',
  'two-thirds-of-members-present',
  'absolute-majority-of-members',
] as const;
export const isThreshold = (value: string): value is (typeof THRESHOLDS)[number] =>
  (THRESHOLDS as readonly string[]).includes(value);

export const standingOrdersSchema = z.object({
  quorum: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('count'), members: z.number().int().min(1) }),
    z.object({ kind: z.literal('fraction'), of: z.number().gt(0).max(1) }),
  ]),
  /** Clear days of notice a meeting must be called with. */
  noticeDays: z.number().int().min(0).max(365),
  /** Whether a meeting may be called at shorter notice as an emergency. */
  emergencyMeetings: z.boolean(),
  /** Days before a meeting by which motions must be submitted. */
  motionDeadlineDays: z.number().int().min(0).max(365),
  /** Who may move and second motions. */
  whoMayMove: z.enum(['members', 'officers']),
  defaultThreshold: z.enum(THRESHOLDS),
  /** On a tie: the chair's casting vote, or "not carried" (Citrine), or "lost" (RONR). */
  tieRule: z.enum(['casting-vote', 'not-carried', 'lost']),
  /** 1 = amendments only; 2 = amendments to amendments too. */
  amendmentDepth: z.number().int().min(0).max(3),
  amendmentOrder: z.enum(['citrine', 'ronr']),
  /** Questions that must be put by secret ballot. */
  secretQuestions: z.array(z.enum(['elections', 'no-confidence', 'discipline'])),
});

export type StandingOrders = z.infer<typeof standingOrdersSchema>;

export const PRESETS = {
  citrine: {
    quorum: { kind: 'count', members: 7 },
    noticeDays: 7,
    emergencyMeetings: true,
    motionDeadlineDays: 3,
    whoMayMove: 'members',
    defaultThreshold: 'simple-majority-of-votes-cast',
    // Citrine: with the votes equal the motion is not carried, unless the rules give the chair a
    // casting vote (which by convention is used for the status quo).
    tieRule: 'not-carried',
    // Citrine: an amendment to an amendment is out of order; move it after the first is settled.
    amendmentDepth: 1,
    amendmentOrder: 'citrine',
    secretQuestions: ['elections'],
  },
  ronr: {
    // RONR 40:3: in a society, a majority of the members unless the bylaws say otherwise.
    quorum: { kind: 'fraction', of: 0.5 },
    noticeDays: 7,
    emergencyMeetings: false,
    motionDeadlineDays: 0,
    whoMayMove: 'members',
    defaultThreshold: 'simple-majority-of-votes-cast',
    // RONR 44:12: a tie vote is lost.
    tieRule: 'lost',
    // RONR 12:11: primary and secondary amendments.
    amendmentDepth: 2,
    amendmentOrder: 'ronr',
    secretQuestions: ['elections', 'discipline'],
  },
} as const satisfies Record<string, StandingOrders>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
export const isPresetName = (value: string): value is PresetName => value in PRESETS;

/** A fresh, mutable copy of a preset, to store and then adjust. */
export function presetStandingOrders(name: PresetName): StandingOrders {
  return structuredClone(PRESETS[name]) as StandingOrders;
}

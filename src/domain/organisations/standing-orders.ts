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

/**
 * The kinds of vote a proxy may be used in (src/domain/meetings/proxies.ts): votes taken in the
 * room at a meeting (show of hands, roll call, card), online ballots other than elections
 * (secret or open), and elections (ranked ballots for seats).
 */
export const PROXY_VOTE_KINDS = ['meeting-votes', 'ballots', 'elections'] as const;

/**
 * Whether and how members may vote by proxy. Off unless the rules say so: RONR (12th ed.)
 * 45:70 forbids proxy voting in a deliberative assembly unless the bylaws allow it, and in UK
 * practice (Citrine; most union and co-op rule books) a vote is personal unless the rules
 * provide for proxies, with a limit per holder and a deadline to lodge them.
 */
export const proxyRulesSchema = z.object({
  allowed: z.boolean(),
  /** How many proxies one member may hold for one meeting or ballot. */
  maxPerHolder: z.number().int().min(1).max(100),
  kinds: z.array(z.enum(PROXY_VOTE_KINDS)),
  /** Hours before the meeting starts or the ballot opens by which a proxy must be lodged. */
  deadlineHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30),
  /** Whether a proxy held by a member present counts towards the quorum (P). */
  countToQuorum: z.boolean(),
});

export type ProxyRules = z.infer<typeof proxyRulesSchema>;

/** No proxies: what both presets ship with, and what rules stored before proxies existed mean. */
export const NO_PROXIES: ProxyRules = {
  allowed: false,
  maxPerHolder: 1,
  kinds: [],
  deadlineHours: 48,
  countToQuorum: false,
};

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
  /** Proxy voting; rules stored before it was added read as none allowed. */
  proxies: proxyRulesSchema.default(() => ({ ...NO_PROXIES, kinds: [] })),
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
    proxies: {
      allowed: false,
      maxPerHolder: 1,
      kinds: [],
      deadlineHours: 48,
      countToQuorum: false,
    },
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
    // RONR 45:70: no proxy voting unless the bylaws provide for it.
    proxies: {
      allowed: false,
      maxPerHolder: 1,
      kinds: [],
      deadlineHours: 48,
      countToQuorum: false,
    },
  },
} as const satisfies Record<string, StandingOrders>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
export const isPresetName = (value: string): value is PresetName => value in PRESETS;

/** A fresh, mutable copy of a preset, to store and then adjust. */
export function presetStandingOrders(name: PresetName): StandingOrders {
  return structuredClone(PRESETS[name]) as StandingOrders;
}

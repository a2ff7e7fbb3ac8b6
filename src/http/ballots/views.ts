import { z } from '@hono/zod-openapi';
import {
  BallotKind,
  BallotState,
  Outcome,
  PublishedText,
  Threshold,
  When,
} from '../view-schemas.ts';

/** What the ballot routes answer (view-ballot.ts, view-e2e-ballot.ts), for the API description. */

const METHODS = [
  'scottish-stv',
  'ers97-stv',
  'meek-stv',
  'irv',
  'schulze',
  'fptp',
  'block',
  'approval',
] as const;

export const BallotOptions = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('yes-no') }),
    z.object({ kind: z.literal('choice'), options: z.array(z.string()) }),
    z.object({
      kind: z.literal('ranked'),
      candidates: z.array(z.string()),
      seats: z.number().int(),
      method: z.enum(METHODS),
    }),
  ])
  .openapi('BallotOptions');

const Decision = z.object({ candidate: z.number().int(), code: z.string(), reason: z.string() });
const TieRecord = z.object({
  round: z.number().int(),
  purpose: z.string(),
  among: z.array(z.number().int()),
  chosen: z.number().int(),
  method: z.enum(['earlier-stage', 'later-stage', 'order', 'lot']),
  stage: z.number().int().optional(),
  draw: z.number().int().optional(),
});

/** A count of a ranked election, stage by stage (vote figures as decimal strings). */
export const TallyResult = z
  .object({
    method: z.enum(METHODS),
    title: z.string(),
    seats: z.number().int(),
    candidates: z.array(z.string()),
    precision: z.number().int(),
    quota: z.string().nullable(),
    ballots: z.number().int(),
    blank: z.number().int(),
    winners: z.array(z.number().int()),
    winnerVotes: z.array(z.string()),
    rounds: z.array(
      z.object({
        number: z.number().int(),
        kind: z.enum(['first-count', 'surplus', 'exclusion', 'iteration', 'final']),
        description: z.string(),
        from: z.array(z.number().int()).optional(),
        surplus: z.string().optional(),
        transferValue: z.string().optional(),
        quota: z.string().nullable(),
        votes: z.array(z.string()),
        transfers: z.array(z.string()),
        status: z.array(z.enum(['hopeful', 'elected', 'excluded', 'withdrawn'])),
        exhausted: z.string(),
        residue: z.string(),
        elected: z.array(Decision),
        excluded: z.array(Decision),
        ties: z.array(TieRecord),
        /** Rule-specific figures (Meek: keep factors, iterations). */
        extra: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
    exhausted: z.string(),
    residue: z.string(),
    ties: z.array(TieRecord),
    seed: z.string(),
  })
  .openapi('TallyResult');

/** What of a hybrid ballot's result came on paper (src/domain/ballots/paper.ts). */
export const PaperSummary = z
  .object({ issued: z.number().int(), returned: z.number().int(), spoilt: z.number().int() })
  .openapi('PaperSummary');

const paperPart = { paper: PaperSummary.optional() };

export const BallotResult = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('yes-no'),
      for: z.number(),
      against: z.number(),
      abstain: z.number(),
      votes: z.number(),
      electorate: z.number(),
      outcome: Outcome,
      threshold: Threshold,
      declared: z.string(),
      ...paperPart,
    }),
    z.object({
      kind: z.literal('choice'),
      counts: z.array(z.number()),
      votes: z.number(),
      electorate: z.number(),
      winners: z.array(z.number().int()),
      ...paperPart,
    }),
    z.object({
      kind: z.literal('ranked'),
      votes: z.number(),
      electorate: z.number(),
      count: TallyResult,
      ...paperPart,
    }),
  ])
  .openapi('BallotResult');

/** Where a hybrid ballot of those present stands: online and on paper (HybridTurnout). */
export const HybridTurnout = z
  .object({
    electorate: z.number().int(),
    online: z.object({ electors: z.number().int(), voted: z.number().int() }),
    paper: z.object({
      electors: z.number().int(),
      issued: z.number().int(),
      returned: z.number().int().nullable(),
    }),
    voted: z.number().int(),
    notVoted: z.number().int(),
  })
  .openapi('HybridTurnout');

/** An elector of a ballot of those present, as those who run it see them: never their choice. */
export const ElectorOnBallot = z
  .object({
    personId: z.string(),
    name: z.string(),
    paper: z.boolean(),
    hasAccount: z.boolean(),
    votedOnline: z.boolean(),
  })
  .openapi('ElectorOnBallot');

/** The paper side of a ballot of those present, for those who run it and its tellers. */
export const PaperBallot = z
  .object({
    id: z.string(),
    question: z.string(),
    body: z.string(),
    meeting: z.object({ id: z.string(), title: z.string() }),
    state: BallotState,
    weighted: z.boolean(),
    choices: z.array(z.object({ value: z.string(), label: z.string().nullable() })),
    turnout: HybridTurnout,
    count: z.object({ counts: z.array(z.number().int()), spoilt: z.number().int() }).nullable(),
    canRun: z.boolean(),
    canCount: z.boolean(),
    electors: z.array(ElectorOnBallot).nullable(),
  })
  .openapi('PaperBallot');

const BallotFields = {
  id: z.string(),
  bodyId: z.string(),
  question: z.string(),
  kind: BallotKind,
  options: BallotOptions,
  threshold: Threshold,
  secret: z.boolean(),
  weighted: z.boolean(),
  state: BallotState,
  closesAt: When.nullable(),
  /** When a draft opens by itself, if it does. */
  opensAt: When.nullable(),
  /** The IANA time zone its times are shown in. */
  timeZone: z.string(),
  openedAt: When.nullable(),
  closedAt: When.nullable(),
  electorate: z.number().int(),
  result: BallotResult.nullable(),
  /** The audit entry that sealed the result. */
  resultHash: z.string().nullable(),
  endToEnd: z.boolean(),
  needed: z.number().int().nullable(),
};
export const BallotSummary = z.object(BallotFields).openapi('BallotSummary');

export const BallotList = z
  .object({ ballots: z.array(BallotSummary), canRun: z.boolean() })
  .openapi('BallotList');

export const Ballot = z
  .object({
    ...BallotFields,
    voted: z.number().int(),
    meeting: z
      .object({
        meetingId: z.string(),
        questionId: z.string(),
        declared: z.string().nullable(),
        /** The result as stored (JSON QuestionResult), for a client to word in its language. */
        result: z.string().nullable(),
        wording: z.string(),
        motionText: PublishedText.nullable(),
      })
      .nullable(),
    me: z.object({
      member: z.boolean(),
      eligible: z.boolean(),
      weight: z.number().nullable(),
      voted: z.boolean(),
      /** The proxies I hold in this ballot: I cast one vote for each giver (`onBehalfOf`). */
      proxies: z.array(
        z.object({
          proxyId: z.string(),
          giverId: z.string(),
          giverName: z.string(),
          instruction: z.string().nullable(),
          voted: z.boolean(),
        }),
      ),
    }),
    canRun: z.boolean(),
    namedVotes: z
      .array(z.object({ name: z.string(), weight: z.number(), choice: z.string() }))
      .nullable(),
    nominations: z.array(
      z.object({
        id: z.string(),
        candidate: z.string(),
        proposer: z.string(),
        seconder: z.string().nullable(),
        involved: z.boolean(),
      }),
    ),
  })
  .openapi('Ballot');

export const BallotBox = z
  .object({
    ballotId: z.string(),
    question: z.string(),
    choices: z.array(z.object({ choice: z.string(), weight: z.number(), papers: z.number() })),
    receipts: z.array(z.string()),
    /** An election's ballots as a BLT file, for any counting program. */
    blt: z.string().nullable(),
  })
  .openapi('BallotBox');

const Proof = z.object({ challenge: z.string(), response: z.string() });
const Ciphertext = z.object({ alpha: z.string(), beta: z.string() });

/** The public bulletin board of an end-to-end ballot: a hash chain of events. */
export const Board = z
  .object({
    format: z.literal('seconded-board-1'),
    events: z.array(
      z.object({
        seq: z.number().int(),
        type: z.enum([
          'setup',
          'trustee-key',
          'trustee-polynomial',
          'trustee-verification',
          'open',
          'ballot',
          'close',
          'total',
          'shuffle',
          'partial-decryption',
          'result',
        ]),
        /** What the event records, by its type (docs/e2e-protocol.md). */
        payload: z.unknown(),
        prev: z.string(),
        hash: z.string(),
      }),
    ),
  })
  .openapi('Board');

/** The count an end-to-end ballot's board holds (its `result` event, docs/e2e-protocol.md). */
export const BoardResult = z
  .object({
    counts: z.array(z.number()),
    trustees: z.array(z.number().int()),
    voted: z.number().int(),
    weight: z.number(),
    outcome: z.string(),
  })
  .openapi('BoardResult');

export const VerifiableBallot = z
  .object({
    ballotId: z.string(),
    state: BallotState,
    stage: z.enum([
      'keys',
      'polynomials',
      'verifications',
      'ready',
      'open',
      'decrypting',
      'counted',
    ]),
    question: z.string(),
    choices: z.array(z.string()),
    shape: z.object({ choices: z.number().int(), min: z.number().int(), max: z.number().int() }),
    /** An election's ballot (docs/mixnet-protocol.md): preferences per ballot and seats; else null. */
    ranked: z.object({ positions: z.number().int(), seats: z.number().int() }).nullable(),
    /** The last shuffle's hash and output, once every trustee has shuffled an election's ballots. */
    shuffled: z.object({ hash: z.string(), ballots: z.array(z.array(z.unknown())) }).nullable(),
    /** How many trustees have shuffled an election's ballots so far (0 for other ballots). */
    shuffles: z.number().int(),
    /** How many trustees have given their decryption so far (the first `needed` count). */
    decryptions: z.number().int(),
    rule: z.string(),
    needed: z.number().int(),
    weighted: z.boolean(),
    setupHash: z.string(),
    openHash: z.string().nullable(),
    electionKey: z.string().nullable(),
    electors: z.number().int().nullable(),
    trustees: z.array(
      z.object({
        index: z.number().int(),
        name: z.string(),
        key: z.boolean(),
        polynomial: z.boolean(),
        verified: z.boolean(),
        decrypted: z.boolean(),
      }),
    ),
    keys: z.array(z.object({ trustee: z.number().int(), key: z.string(), proof: Proof })),
    polynomials: z.array(
      z.object({
        trustee: z.number().int(),
        commitments: z.array(z.string()),
        proof: Proof,
        shares: z.array(
          z.object({
            to: z.number().int(),
            ephemeral: z.string(),
            box: z.string(),
            tag: z.string(),
          }),
        ),
      }),
    ),
    totals: z.array(Ciphertext).nullable(),
    result: BoardResult.nullable(),
    me: z.object({
      trustee: z.number().int().nullable(),
      pseudonym: z.string().nullable(),
      weight: z.number().nullable(),
      voted: z.boolean(),
      /** The proxies I hold: I seal one ballot for each giver, under their pseudonym. */
      proxies: z.array(
        z.object({
          proxyId: z.string(),
          giverId: z.string(),
          giverName: z.string(),
          /** Only the giver, the holder and the secretary see it. */
          instruction: z.string().nullable(),
          pseudonym: z.string(),
          weight: z.number(),
          voted: z.boolean(),
        }),
      ),
    }),
  })
  .openapi('VerifiableBallot');

const ProxyEntry = z.object({
  id: z.string(),
  giverId: z.string(),
  giverName: z.string(),
  holderId: z.string(),
  holderName: z.string(),
  /** Only the giver, the holder and the secretary see it. */
  instruction: z.string().nullable(),
  state: z.enum(['lodged', 'withdrawn', 'refused']),
  refusalReason: z.string().nullable(),
  lodgedAt: z.string(),
});

/** The proxies of a meeting or a ballot as the viewer may see them (view-proxies.ts). */
export const Proxies = z
  .object({
    rules: z.object({
      allowed: z.boolean(),
      maxPerHolder: z.number().int(),
      kinds: z.array(z.enum(['meeting-votes', 'ballots', 'elections'])),
      deadlineHours: z.number().int(),
      countToQuorum: z.boolean(),
    }),
    /** After it none may be lodged or withdrawn; null: until the ballot opens. */
    deadline: z.string().nullable(),
    open: z.boolean(),
    endToEnd: z.boolean(),
    mine: ProxyEntry.nullable(),
    held: z.array(ProxyEntry),
    canRefuse: z.boolean(),
    /** Every proxy lodged, for whoever runs the body's ballots or meetings; else null. */
    all: z.array(ProxyEntry).nullable(),
  })
  .openapi('Proxies');

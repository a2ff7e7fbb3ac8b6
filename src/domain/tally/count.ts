/**
 * One entry point for every counting rule: `countElection(profile, method, options)`.
 * Each rule lives in its own file and can be called directly.
 */
import { DomainError } from '../errors.ts';
import { countApproval } from './approval.ts';
import { countBlockVote } from './block-vote.ts';
import { countErs97Stv } from './ers97-stv.ts';
import { countFptp } from './fptp.ts';
import { countIrv } from './irv.ts';
import { countMeekStv } from './meek-stv.ts';
import { countSchulze } from './schulze.ts';
import { countScottishStv, type StvOptions } from './scottish-stv.ts';
import type { BallotProfile, CountOptions, MethodName, TallyResult } from './types.ts';

export const METHODS: Readonly<
  Record<MethodName, (p: BallotProfile, o?: CountOptions) => TallyResult>
> = {
  'scottish-stv': countScottishStv,
  'ers97-stv': countErs97Stv,
  'meek-stv': countMeekStv,
  irv: countIrv,
  schulze: countSchulze,
  fptp: countFptp,
  block: countBlockVote,
  approval: countApproval,
};

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

export function isMethodName(s: string): s is MethodName {
  return Object.hasOwn(METHODS, s);
}

/** Count by any rule. Reserved seats are offered by Scottish STV only, and refused elsewhere. */
export function countElection(
  profile: BallotProfile,
  method: string,
  options: StvOptions = {},
): TallyResult {
  if (!isMethodName(method)) {
    throw new DomainError(
      'UNSUPPORTED_METHOD_OPTION',
      `unknown counting method "${method}"; choose one of ${METHOD_NAMES.join(', ')}`,
    );
  }
  if (options.reserved?.length && method !== 'scottish-stv') {
    throw new DomainError(
      'UNSUPPORTED_METHOD_OPTION',
      `reserved seats are available with scottish-stv only, not ${method}`,
    );
  }
  return METHODS[method](profile, options);
}

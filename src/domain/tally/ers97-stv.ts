import { DomainError } from '../errors.ts';
import type { BallotProfile, CountOptions, TallyResult } from './types.ts';

export function countErs97Stv(_profile: BallotProfile, _options: CountOptions = {}): TallyResult {
  throw new DomainError('UNSUPPORTED_METHOD_OPTION', 'ERS97 STV is not available yet');
}

import { DomainError } from '../errors.ts';
import type { BallotProfile, CountOptions, TallyResult } from './types.ts';

export function countSchulze(_profile: BallotProfile, _options: CountOptions = {}): TallyResult {
  throw new DomainError('UNSUPPORTED_METHOD_OPTION', 'Schulze is not available yet');
}

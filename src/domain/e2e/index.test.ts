import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as e2e from './index.ts';

describe('the e2e module', () => {
  it('exports exactly the agreed functions (tools/E2E_API.md, progressOf, the ranked ballot of docs/mixnet-protocol.md, and the running total kept at each cast)', () => {
    expect(Object.keys(e2e).sort()).toEqual(
      [
        'addToTotal',
        'auditBallot',
        'auditRanking',
        'ballotTerms',
        'canonicalJson',
        'checkBallot',
        'checkPartialDecryption',
        'checkMixDecryption',
        'checkShuffle',
        'checkRanking',
        'checkRankedShape',
        'combineRankings',
        'encodeRanking',
        'encryptRanking',
        'MAX_RANKED_CANDIDATES',
        'partialDecryptMix',
        'rankingFromPreferences',
        'readRanking',
        'checkPolynomial',
        'checkTrusteeKey',
        'checkVerification',
        'combine',
        'digest',
        'electionKey',
        'encryptBallot',
        'makePolynomial',
        'makeTrusteeKey',
        'newPseudonym',
        'nextEvent',
        'openShares',
        'partialDecrypt',
        'progressOf',
        'totalOf',
        'tracker',
        'weightedTotal',
      ].sort(),
    );
  });

  it('bundles for a browser, with no Node.js module', async () => {
    const result = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });
});

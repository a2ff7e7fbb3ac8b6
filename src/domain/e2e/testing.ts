/**
 * A seeded source of bytes for tests and known-answer vectors only: SHA-256 in counter mode over
 * a seed, so that a proof or a ballot made with it is the same on every run. Never used outside
 * tests (the exported API always uses the platform's CSPRNG).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Random } from './group.ts';

export function seededRandom(seed: string): Random {
  let counter = 0;
  return (length) => {
    const blocks: Uint8Array[] = [];
    let have = 0;
    while (have < length) {
      const block = sha256(utf8ToBytes(`${seed}|${counter++}`));
      blocks.push(block);
      have += block.length;
    }
    return concatBytes(...blocks).slice(0, length);
  };
}

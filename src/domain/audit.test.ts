import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalAuditText,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditEntry,
  type ChainedAuditEntry,
} from './audit.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(entries: AuditEntry[]): ChainedAuditEntry[] {
  let prev = GENESIS_HASH;
  return entries.map((e) => {
    const hash = sha(canonicalAuditText(prev, e));
    const chained = { ...e, prevHash: prev, hash };
    prev = hash;
    return chained;
  });
}

const entries: AuditEntry[] = [1, 2, 3].map((seq) => ({
  organisationId: 'o',
  seq,
  at: `2026-07-0${seq}T10:00:00.000Z`,
  actorPersonId: 'p',
  action: seq === 2 ? 'vote.declared' : 'member.imported',
  subject: `thing:${seq}`,
  data: JSON.stringify({ for: 23, against: 4 }),
}));

describe('the audit chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyAuditChain(chain(entries), sha)).toBeNull();
  });

  it('names the entry whose data was changed after it was written', () => {
    const c = chain(entries);
    c[1] = { ...c[1]!, data: JSON.stringify({ for: 4, against: 23 }) };
    expect(verifyAuditChain(c, sha)).toEqual({
      seq: 2,
      reason: expect.stringContaining('entry 2 (vote.declared'),
    });
  });

  it('notices a removed entry', () => {
    const c = chain(entries);
    expect(verifyAuditChain([c[0]!, c[2]!], sha)?.seq).toBe(3);
  });

  it('notices an entry rewritten with a recomputed hash, by the next link', () => {
    const c = chain(entries);
    const forged = { ...c[1]!, data: '{}' };
    c[1] = { ...forged, hash: sha(canonicalAuditText(forged.prevHash, forged)) };
    expect(verifyAuditChain(c, sha)?.seq).toBe(3);
  });

  it('keeps field boundaries unambiguous in the hashed text', () => {
    const a = { ...entries[0]!, action: 'a\nb', subject: 'c' };
    const b = { ...entries[0]!, action: 'a', subject: 'b\nc' };
    expect(canonicalAuditText(GENESIS_HASH, a)).not.toBe(canonicalAuditText(GENESIS_HASH, b));
  });
});

import { questionSealText, resolutionSealText, type Seal } from '../src/app/common/audit-log.ts';
import { sha256Hex } from '../src/app/common/secrets.ts';
import type { Db } from '../src/db/database.ts';
import { listAuditEvents } from '../src/db/queries/audit.ts';
import { findBallotSealed } from '../src/db/queries/ballots.ts';
import { findQuestion } from '../src/db/queries/meetings.ts';
import { findResolutionSealed } from '../src/db/queries/resolutions.ts';
import { canonicalAuditText, GENESIS_HASH } from '../src/domain/audit.ts';

/**
 * What someone holding the database can do to an audit chain (issue 14), for the tests that show
 * a saved chain head catches it: each attack leaves a chain that plain `seconded verify` passes.
 */

/** Deletes the last entry of an organisation's chain: what is left is a shorter, intact chain. */
export async function deleteLastEntry(db: Db, organisationId: string) {
  const rows = await listAuditEvents(db, organisationId);
  const last = rows.at(-1);
  if (!last) throw new Error('the chain is empty');
  await db
    .deleteFrom('audit_events')
    .where('organisation_id', '=', organisationId)
    .where('seq', '=', last.seq)
    .execute();
  return last;
}

/** The digest a seal must carry for the record as it is stored now. */
async function digestNow(db: Db, seal: Seal): Promise<string> {
  if (seal.kind === 'ballot') return sha256Hex((await findBallotSealed(db, seal.id))?.result ?? '');
  if (seal.kind === 'question')
    return sha256Hex(questionSealText((await findQuestion(db, seal.id))!));
  return sha256Hex(resolutionSealText((await findResolutionSealed(db, seal.id))!));
}

/**
 * Rewrites an organisation's whole chain after its records were edited, with the chain's own
 * hashing: every seal re-digested from the records as they now are, every hash recomputed from
 * the start, and every sealed result given its entry's new hash.
 */
export async function recomputeChain(db: Db, organisationId: string) {
  let prev = GENESIS_HASH;
  for (const row of await listAuditEvents(db, organisationId)) {
    const data = JSON.parse(row.data) as { seal?: Seal };
    if (data.seal) data.seal = { ...data.seal, digest: await digestNow(db, data.seal) };
    const entry = {
      organisationId,
      seq: Number(row.seq),
      at: row.at,
      actorPersonId: row.actor_person_id,
      action: row.action,
      subject: row.subject,
      data: JSON.stringify(data),
    };
    const hash = sha256Hex(canonicalAuditText(prev, entry));
    await db
      .updateTable('audit_events')
      .set({ data: entry.data, prev_hash: prev, hash })
      .where('organisation_id', '=', organisationId)
      .where('seq', '=', row.seq)
      .execute();
    if (data.seal?.kind === 'ballot' || data.seal?.kind === 'question') {
      await db
        .updateTable(data.seal.kind === 'ballot' ? 'ballots' : 'questions')
        .set({ result_hash: hash })
        .where('id', '=', data.seal.id)
        .execute();
    }
    prev = hash;
  }
}

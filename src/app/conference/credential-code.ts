import { randomInt } from 'node:crypto';
import {
  findAttendance,
  findCredential,
  listSessions,
  setCredentialCode,
} from '../../db/queries/conference.ts';
import type { Db } from '../../db/database.ts';
import { currentSession } from '../../domain/conference/credentials.ts';
import type { AppContext } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';

/** Letters and digits that cannot be mistaken for one another when read aloud at the door. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

/**
 * A new credential code: ten letters drawn at random (50 bits: not to be guessed at a door that
 * is watched). Only its hash is kept, so the code is shown once, to whoever had it drawn; a
 * delegate who has lost it has another drawn (reissue-credential.ts), which ends the old one.
 * It was once derived from the server's key, so that a phone could show it again; but then a
 * new server key changed every delegate's code at once.
 */
export function newCredentialCode() {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** A code as typed at the door: spaces and dashes dropped, capitals (the code has no others). */
export const normaliseCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/** Draws a new code for a credential that exists, keeping only its hash; answers the code. */
export async function drawCode(db: Db, meetingId: string, personId: string, at: string) {
  const code = newCredentialCode();
  await setCredentialCode(db, meetingId, personId, hashSecret(code), at);
  return code;
}

/**
 * The viewer's own credential for a conference: issued or revoked, and whether the door has them
 * in the session sitting now (`in`, `out`, or null before their first scan); null when none was
 * issued. The code is not here: only its hash is kept.
 */
export async function myCredential(
  ctx: Pick<AppContext, 'db' | 'now'>,
  meetingId: string,
  personId: string,
) {
  const row = await findCredential(ctx.db, meetingId, personId);
  if (!row) return null;
  const sessions = (await listSessions(ctx.db, meetingId)).map((s) => ({
    ...s,
    startsAt: s.starts_at,
  }));
  const session = currentSession(sessions, ctx.now().toISOString());
  const attendance = session ? await findAttendance(ctx.db, session.id, personId) : null;
  return {
    state: row.state,
    session: session ? { id: session.id, title: session.title } : null,
    attendance: row.state === 'revoked' ? null : (attendance?.state ?? null),
  };
}

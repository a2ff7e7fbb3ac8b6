import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import {
  CLAUSE_KINDS,
  MOTION_LIMITS,
  type Addressee,
  type Clause,
  type ClauseKind,
  type MotionText,
} from '../../domain/meetings/motion-text.ts';
import { newMotion, type SecretKind } from '../../domain/meetings/motion.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findMeeting, insertMotion, updateMotion } from '../../db/queries/meetings.ts';
import { isCurrentMember } from '../../db/queries/memberships.ts';
import { findBody } from '../../db/queries/organisations.ts';
import { authorise, signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { assertProposer, auditMotion, loadMotionOfBody, loadRules } from './meeting-support.ts';
import { newRowOfBody } from '../common/row-of-body.ts';
import { newId } from '../common/secrets.ts';
import { foundBefore } from '../federation/look-up-remote-body.ts';

/** A clause as a form or API client sends it: the id is kept when given, made when not. */
export interface ClauseInput {
  readonly id?: string | undefined;
  readonly kind: string;
  readonly text: string;
  /**
   * For "calls-on": a body on this server by id, or one elsewhere by name; a handle or URL the
   * editor looked up names that body (lookUpRemoteBody).
   */
  readonly bodyId?: string | undefined;
  readonly bodyName?: string | undefined;
  /** For "instructs": the officer ("the Secretary"). */
  readonly officer?: string | undefined;
}

export interface MotionTextInput {
  readonly title: string;
  readonly clauses: readonly ClauseInput[];
}

/** A short id for a new clause, unique within its motion. */
export const newClauseId = () => `c${newId().replace(/-/g, '').slice(0, 10)}`;

/**
 * Turns input into the domain's MotionText: ids kept or made, "calls on" a body here resolved
 * to its name (kept with the clause). A draft may be incomplete; what is checked here is only
 * what could never be right (an unknown clause kind or body, text beyond the limits). The full
 * check (an operative clause, every addressee) is made when it is submitted (motion.ts).
 */
export async function resolveMotionText(db: Db, input: MotionTextInput): Promise<MotionText> {
  const problems: { path: string; message: string }[] = [];
  const title = input.title.trim();
  if (title.length > MOTION_LIMITS.title)
    problems.push({ path: 'title', message: `At most ${MOTION_LIMITS.title} characters.` });
  if (input.clauses.length > MOTION_LIMITS.clauses)
    problems.push({ path: 'clauses', message: `At most ${MOTION_LIMITS.clauses} clauses.` });
  const seen = new Set<string>();
  const clauses: Clause[] = [];
  for (const [i, c] of input.clauses.entries()) {
    if (!(CLAUSE_KINDS as readonly string[]).includes(c.kind)) {
      problems.push({ path: `clauses.${i}.kind`, message: 'Choose what the clause does.' });
      continue;
    }
    let id = c.id?.trim() || newClauseId();
    if (seen.has(id) || id.length > 64) id = newClauseId();
    seen.add(id);
    const kind = c.kind as ClauseKind;
    let addressee: Addressee | undefined;
    if (kind === 'calls-on') {
      if (c.bodyId) {
        const body = await findBody(db, c.bodyId);
        if (!body) {
          problems.push({ path: `clauses.${i}.addressee`, message: 'That body was not found.' });
          continue;
        }
        addressee = { kind: 'body', bodyId: body.id, name: c.bodyName?.trim() || body.name };
      } else {
        const name = c.bodyName?.trim() ?? '';
        // A body elsewhere the editor looked up keeps the actor this server found (issue 19).
        const found = await foundBefore(db, name);
        addressee = found
          ? {
              kind: 'named-body',
              name: found.name,
              remote: { actor: found.actorId, address: found.address, server: found.server },
            }
          : { kind: 'named-body', name };
      }
    } else if (kind === 'instructs') {
      addressee = { kind: 'officer', officer: c.officer?.trim() ?? '' };
    }
    if (c.text.length > MOTION_LIMITS.clauseText)
      problems.push({
        path: `clauses.${i}.text`,
        message: `At most ${MOTION_LIMITS.clauseText} characters.`,
      });
    clauses.push({ id, kind, text: c.text.trim(), ...(addressee ? { addressee } : {}) });
  }
  if (problems.length) throw invalid('The motion cannot be saved as it is.', problems);
  return { title, clauses };
}

/**
 * A member drafts a motion of their body; they are its proposer. With `meetingId` it is meant
 * for that meeting, whose motions deadline applies when it is submitted.
 */
export function draftMotion(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    bodyId: string;
    meetingId?: string | undefined;
    text: MotionTextInput;
    /** A question of no confidence or of discipline (may have to go to a secret ballot). */
    secretKind?: SecretKind | null | undefined;
  },
) {
  const actor = signedIn(props.actor, 'Sign in to draft a motion.');
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, actor, 'body.participate', props.bodyId);
    if (props.meetingId) {
      const meeting = await findMeeting(trx, props.meetingId);
      if (!meeting || meeting.body_id !== body.id) throw notFound('That meeting');
    }
    const rules = await loadRules(trx, body.id);
    const state = newMotion({
      proposer: {
        personId: actor.personId,
        isMember: await isCurrentMember(trx, body.id, actor.personId, today(ctx)),
        isOfficer: actor.memberships.some((m) => m.bodyId === body.id && m.role !== 'member'),
      },
      rules,
    });
    const text = await resolveMotionText(trx, props.text);
    const motion = newRowOfBody(body, isoNow(ctx));
    await insertMotion(trx, {
      ...motion,
      meeting_id: props.meetingId ?? null,
      title: text.title,
      text: JSON.stringify(text),
      substantive: null,
      status: state.status,
      state: JSON.stringify(state),
      proposer_person_id: actor.personId,
      seconder_person_id: null,
      updated_at: motion.created_at,
      secret_kind: props.secretKind ?? null,
    });
    await auditMotion(
      trx,
      motion,
      actor,
      'motion.drafted',
      { bodyId: body.id, title: text.title, secretKind: props.secretKind ?? null },
      motion.created_at,
    );
    return { motionId: motion.id, text };
  });
}

/** The proposer changes the text of their draft (only while it is a draft). */
export function editMotionText(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    motionId: string;
    text: MotionTextInput;
    /** Left as it is when undefined. */
    secretKind?: SecretKind | null | undefined;
  },
) {
  const actor = signedIn(props.actor, 'Sign in to edit a motion.');
  return inTransaction(ctx, async (trx) => {
    const motion = await loadMotionOfBody(trx, actor, props.motionId);
    assertProposer(motion, actor, 'Only the proposer can change the text of a draft.');
    if (motion.status !== 'draft') {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `The motion has been submitted; its text changes only by amendment (state ${motion.status}).`,
      );
    }
    const text = await resolveMotionText(trx, props.text);
    const at = isoNow(ctx);
    await updateMotion(trx, motion.id, {
      title: text.title,
      text: JSON.stringify(text),
      ...(props.secretKind !== undefined ? { secret_kind: props.secretKind } : {}),
      updated_at: at,
    });
    await auditMotion(
      trx,
      motion,
      actor,
      'motion.edited',
      { title: text.title, clauses: text.clauses.length },
      at,
    );
    return { motionId: motion.id, text };
  });
}

import { DomainError, invalid } from '../../domain/errors.ts';
import { BODY_KINDS, normaliseName, slugify, type BodyKind } from '../../domain/names.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  isPresetName,
  presetStandingOrders,
  type PresetName,
} from '../../domain/organisations/standing-orders.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { insertBody } from '../../db/queries/organisations.ts';
import { findStandingOrders, upsertStandingOrders } from '../../db/queries/standing-orders.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';

export interface CreateBodyProps {
  readonly actor: Actor | null;
  readonly parentId: string;
  readonly name: string;
  readonly kind: string;
  /** Standing orders to start from; omitted, the parent's are copied. */
  readonly preset?: string | undefined;
}

/** Creates a body (region, branch, committee) below another. Admins of the parent only. */
export async function createBody(ctx: AppContext, props: CreateBodyProps) {
  const name = normaliseName(props.name);
  const problems = [];
  if (!name || name.length > 200)
    problems.push({ path: 'name', message: 'Give the body a name (up to 200 characters).' });
  if (!(BODY_KINDS as readonly string[]).includes(props.kind)) {
    problems.push({ path: 'kind', message: `Choose one of: ${BODY_KINDS.join(', ')}.` });
  }
  if (props.preset && !isPresetName(props.preset))
    problems.push({ path: 'preset', message: 'Choose citrine or ronr.' });
  if (problems.length) throw invalid('Some details need correcting.', problems);

  try {
    return await inTransaction(ctx, async (trx) => {
      const { body: parent } = await authorise(
        trx,
        props.actor,
        'body.createChild',
        props.parentId,
      );
      const at = isoNow(ctx);
      const id = newId();
      const slug = slugify(name);
      await insertBody(trx, {
        id,
        organisation_id: parent.organisation_id,
        parent_id: parent.id,
        slug,
        name,
        kind: props.kind as BodyKind,
        created_at: at,
      });
      const parentRules = await findStandingOrders(trx, parent.id);
      const preset = props.preset || parentRules?.preset || 'citrine';
      await upsertStandingOrders(trx, {
        body_id: id,
        preset,
        rules: JSON.stringify(
          !props.preset && parentRules
            ? parentRules.rules
            : presetStandingOrders(preset as PresetName),
        ),
        updated_at: at,
      });
      await appendAudit(trx, {
        organisationId: parent.organisation_id,
        actorPersonId: props.actor?.personId ?? null,
        action: 'body.created',
        subject: `body:${id}`,
        data: { name, slug, kind: props.kind, parentId: parent.id, preset },
        at,
      });
      return { bodyId: id, slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        'ALREADY_EXISTS',
        `This organisation already has a body called "${name}".`,
      );
    }
    throw error;
  }
}

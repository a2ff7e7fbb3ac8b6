import { DomainError, forbidden, invalid } from '../../domain/errors.ts';
import { normaliseName, slugify } from '../../domain/names.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import {
  isPresetName,
  presetStandingOrders,
  type PresetName,
} from '../../domain/organisations/standing-orders.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { insertMembership } from '../../db/queries/memberships.ts';
import { insertBody, insertOrganisation } from '../../db/queries/organisations.ts';
import { upsertStandingOrders } from '../../db/queries/standing-orders.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';

export interface CreateOrganisationProps {
  readonly actor: Actor | null;
  /** The organisation's name: "Northfield Movement". */
  readonly name: string;
  /** Its top body: "National Coordinating Group". */
  readonly topBodyName: string;
  /** Standing orders the top body starts from. */
  readonly preset: string;
  readonly slug?: string;
}

/**
 * Creates an organisation with its top body, whose standing orders start from a preset; the
 * creator becomes that body's admin. Site administrators only.
 */
export async function createOrganisation(ctx: AppContext, props: CreateOrganisationProps) {
  if (!props.actor || !can(props.actor, 'server.createOrganisation')) {
    throw forbidden('Only a site administrator can create an organisation.');
  }
  const actor = props.actor;
  const name = normaliseName(props.name);
  const topBodyName = normaliseName(props.topBodyName);
  const problems = [];
  if (!name || name.length > 200)
    problems.push({
      path: 'name',
      message: 'Give the organisation a name (up to 200 characters).',
    });
  if (!topBodyName || topBodyName.length > 200)
    problems.push({ path: 'topBodyName', message: 'Name its top body (up to 200 characters).' });
  if (!isPresetName(props.preset))
    problems.push({ path: 'preset', message: 'Choose citrine or ronr.' });
  if (problems.length) throw invalid('Some details need correcting.', problems);
  const slug = slugify(props.slug || name);

  try {
    return await inTransaction(ctx, async (trx) => {
      const at = isoNow(ctx);
      const organisationId = newId();
      const bodyId = newId();
      await insertOrganisation(trx, { id: organisationId, slug, name, created_at: at });
      await insertBody(trx, {
        id: bodyId,
        organisation_id: organisationId,
        parent_id: null,
        slug: slugify(topBodyName),
        name: topBodyName,
        kind: 'national',
        created_at: at,
      });
      await upsertStandingOrders(trx, {
        body_id: bodyId,
        preset: props.preset,
        rules: JSON.stringify(presetStandingOrders(props.preset as PresetName)),
        updated_at: at,
      });
      await insertMembership(trx, {
        id: newId(),
        body_id: bodyId,
        person_id: actor.personId,
        role: 'admin',
        member_number: null,
        joined_on: today(ctx),
        left_on: null,
        vote_weight: null,
        created_at: at,
      });
      await appendAudit(trx, {
        organisationId,
        actorPersonId: actor.personId,
        action: 'organisation.created',
        subject: `organisation:${organisationId}`,
        data: { name, slug, topBodyId: bodyId, topBodyName, preset: props.preset },
        at,
      });
      return { organisationId, slug, topBodyId: bodyId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        'ALREADY_EXISTS',
        `An organisation with the address "${slug}" already exists; choose another name.`,
      );
    }
    throw error;
  }
}

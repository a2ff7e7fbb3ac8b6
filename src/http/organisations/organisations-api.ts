import { createRoute, z } from '@hono/zod-openapi';
import { assignRole } from '../../app/organisations/assign-role.ts';
import { createBody } from '../../app/organisations/create-body.ts';
import { createOrganisation } from '../../app/organisations/create-organisation.ts';
import { importMembers } from '../../app/organisations/import-members.ts';
import { inviteMembers } from '../../app/organisations/invite-members.ts';
import {
  listMyOrganisations,
  viewBody,
  viewOrganisation,
} from '../../app/organisations/view-organisation.ts';
import { actionBody } from '../action.ts';
import type { HttpOptions } from '../env.ts';
import {
  actionRoute,
  actorOf,
  type Api,
  errors,
  answerOf,
  IdParams,
  json,
  Ok,
  okWith,
  refused,
  viewRoute,
} from '../api-kit.ts';
import { registerRoutes } from './register-api.ts';
import { Body, OrganisationTree } from './views.ts';
import {
  AssignRole,
  CreateBody,
  CreateOrganisation,
  ImportMembers,
  InviteMembers,
  MappingSchema,
} from './schema.ts';

const RejectedRow = z.object({ line: z.number().int(), reason: z.string() });

const ImportReportSchema = okWith({
  dryRun: z.boolean(),
  headers: z.array(z.string()),
  mapping: MappingSchema,
  rows: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(RejectedRow),
  /** No row can be imported and most failed on one field: that field, how many, the first. */
  allRejectedFor: z
    .object({ field: z.string(), rows: z.number().int(), first: RejectedRow })
    .nullable(),
}).openapi('ImportReport');

/** An organisation's slug, or a body's within its parent, is taken. */
const alreadyExists = { 409: refused('Already exists') };

/** Organisations, bodies and their members in the JSON API: create, list, import, invite, roles. */
export function organisationsApi(api: Api, opts: HttpOptions) {
  organisationRoutes(api, opts);
  memberRoutes(api, opts);
}

/** Organisations and their tree of bodies: list, set up, read, add a body below another. */
function organisationRoutes(api: Api, { ctx }: HttpOptions) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      summary: 'Organisations I belong to',
      responses: {
        200: json(
          z.object({
            organisations: z.array(
              z.object({ id: z.string(), slug: z.string(), name: z.string(), member: z.boolean() }),
            ),
          }),
          'Organisations',
        ),
        ...errors,
      },
    }),
    async (c) => c.json({ organisations: await listMyOrganisations(ctx, actorOf(c)) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      summary: 'Create an organisation with its top body (site administrators)',
      request: actionBody(CreateOrganisation),
      responses: {
        201: json(
          z.object({
            ok: z.literal(true),
            organisationId: z.string(),
            slug: z.string(),
            topBodyId: z.string(),
          }),
          'Created',
        ),
        ...errors,
        ...alreadyExists,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const created = await createOrganisation(ctx, { actor: actorOf(c), ...input });
      return c.json({ ok: true as const, ...created }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{slug}',
      summary: 'An organisation and its tree of bodies',
      request: {
        params: z.object({
          slug: z
            .string()
            .max(100)
            .openapi({ param: { in: 'path', name: 'slug' } }),
        }),
      },
      responses: { 200: json(OrganisationTree, 'The organisation'), ...errors },
    }),
    async (c) => {
      const slug = c.req.valid('param').slug;
      const tree = await viewOrganisation(ctx, { actor: actorOf(c), slug });
      return c.json(answerOf(api, OrganisationTree, tree), 200);
    },
  );

  viewRoute(api, {
    path: '/bodies/{id}',
    summary: 'A body: officers, bodies below, standing orders, what I may do',
    description: 'The body',
    schema: Body,
    view: (actor, bodyId) => viewBody(ctx, { actor, bodyId }),
  });

  actionRoute(api, {
    path: '/bodies/{id}/bodies',
    summary: 'Create a body below this one',
    action: CreateBody,
    answer: json(okWith({ bodyId: z.string(), slug: z.string() }), 'Created'),
    status: 201,
    refusals: alreadyExists,
    run: (actor, parentId, input) => createBody(ctx, { actor, parentId, ...input }),
  });
}

/** A body's members and officers: the register, importing it, invitations, roles. */
function memberRoutes(api: Api, { ctx }: HttpOptions) {
  registerRoutes(api, ctx);

  actionRoute(api, {
    path: '/bodies/{id}/imports',
    summary: 'Import members from CSV text (dryRun reports without saving)',
    action: ImportMembers,
    answer: json(ImportReportSchema, 'What was (or would be) added, updated and rejected'),
    run: async (actor, bodyId, { csv, mapping, dryRun }) => {
      const report = await importMembers(ctx, { actor, bodyId, csv, mapping, dryRun });
      return {
        dryRun: report.dryRun,
        headers: [...report.headers],
        mapping: report.mapping,
        rows: report.rows,
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: [...report.rejected],
        allRejectedFor: report.allRejectedFor,
      };
    },
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/invitations',
      summary: 'Email members an invitation to sign up (all without an account, or those listed)',
      request: { params: IdParams, ...actionBody(InviteMembers, false) },
      responses: {
        200: json(
          z.object({ ok: z.literal(true), invited: z.number().int() }),
          'Invitations queued; the server sends them, retrying while the mail server is down',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const report = await inviteMembers(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        personIds: c.req.valid('json')?.personIds,
      });
      return c.json({ ok: true as const, invited: report.invited }, 200);
    },
  );

  actionRoute(api, {
    method: 'put',
    path: '/bodies/{id}/roles',
    summary: 'Give or take away a role (admins)',
    action: AssignRole,
    answer: json(Ok, 'Done'),
    refusals: { 409: refused('Not a member') },
    run: (actor, bodyId, input) => assignRole(ctx, { actor, bodyId, ...input }),
  });
}

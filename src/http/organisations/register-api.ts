import { createRoute, z } from '@hono/zod-openapi';
import { addMember } from '../../app/organisations/add-member.ts';
import type { AppContext } from '../../app/common/context.ts';
import { editMember } from '../../app/organisations/edit-member.ts';
import { inviteMember } from '../../app/organisations/invite-member.ts';
import { lapseMember } from '../../app/organisations/lapse-member.ts';
import { viewRegisterPage } from '../../app/organisations/page-register.ts';
import { removeMember } from '../../app/organisations/remove-member.ts';
import { viewMember } from '../../app/organisations/view-member.ts';
import {
  actionRoute,
  actorOf,
  type Api,
  conflict,
  errors,
  IdParams,
  IdParamsWith,
  json,
  Ok,
  okWith,
  refused,
} from '../api-kit.ts';
import {
  InviteMember,
  LapseMember,
  MemberDetails,
  RegisterQuery,
  RemoveMember,
} from './register-schema.ts';

const MemberSchema = z
  .object({
    personId: z.string(),
    name: z.string(),
    email: z.string(),
    memberNumber: z.string().nullable(),
    joinedOn: z.string().nullable(),
    leftOn: z.string().nullable(),
    lapsed: z.boolean(),
    bodyId: z.string(),
    bodyName: z.string(),
    hasAccount: z.boolean(),
  })
  .openapi('Member');

const RegisterPageSchema = z
  .object({
    members: z.array(MemberSchema),
    total: z.number().int().openapi({
      description: 'Members with this status, counted up to 10,000 (see totalCapped)',
    }),
    totalCapped: z.boolean().openapi({ description: 'There are at least `total`, maybe more' }),
    next: z.string().nullable(),
    previous: z.string().nullable(),
  })
  .openapi('RegisterPage');

const MemberParams = IdParamsWith('personId');
const alreadyExists = { 409: refused('Already on the register, or the number or email is taken') };

/**
 * The member register in the JSON API: read a page at a time by cursor (`?after=<next>&limit=50`,
 * with `search` and `status`), and kept one member at a time: add, read, correct, lapse, remove,
 * invite. Each is the use case the pages run, with the schema their forms validate with.
 */
export function registerRoutes(api: Api, ctx: AppContext) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/bodies/{id}/members',
      summary: 'The member register, a page at a time (secretary, chair, scrutineer, admin)',
      description:
        'Members in the order of their names, 50 a page unless `limit` says (at most 200). `next` is the cursor of the following page (`after=<next>`), null on the last; `previous` that of the page before (`before=<previous>`). `search` matches part of a name, member number or email, in any case; `status` is current (the default), lapsed or all.',
      request: { params: IdParams, query: RegisterQuery },
      responses: { 200: json(RegisterPageSchema, 'One page of members'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await viewRegisterPage(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        includeBelow: q.includeBelow === 'true',
        status: q.status,
        search: q.search,
        after: q.after,
        before: q.before,
        limit: q.limit,
        kind: 'register-export',
      });
      const { members, total, totalCapped, next, previous } = page;
      return c.json({ members: [...members], total, totalCapped, next, previous }, 200);
    },
  );

  actionRoute(api, {
    path: '/bodies/{id}/members',
    summary: 'Add one member to the register (someone who had lapsed rejoins)',
    action: MemberDetails,
    answer: json(okWith({ personId: z.string(), outcome: z.enum(['added', 'rejoined']) }), 'Added'),
    status: 201,
    refusals: alreadyExists,
    run: (actor, bodyId, input) => addMember(ctx, { actor, bodyId, ...input }),
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/bodies/{id}/members/{personId}',
      summary: 'One member of the register (the look is recorded for them to see)',
      request: { params: MemberParams },
      responses: {
        200: json(
          z.object({
            personId: z.string(),
            name: z.string(),
            email: z.string(),
            memberNumber: z.string().nullable(),
            joinedOn: z.string().nullable(),
            leftOn: z.string().nullable(),
            lapsed: z.boolean(),
            hasAccount: z.boolean(),
            offices: z.array(z.string()),
          }),
          'The member',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { id, personId } = c.req.valid('param');
      const member = await viewMember(ctx, { actor: actorOf(c), bodyId: id, personId });
      return c.json({ ...member, offices: [...member.offices] }, 200);
    },
  );

  actionRoute(api, {
    method: 'put',
    path: '/bodies/{id}/members/{personId}',
    summary: 'Correct a member’s details (name and email only of someone not signed up)',
    params: MemberParams,
    action: MemberDetails,
    answer: json(okWith({ changed: z.array(z.string()) }), 'What changed'),
    refusals: { ...alreadyExists, ...conflict },
    run: async (actor, bodyId, input, { personId }) => {
      const { changed } = await editMember(ctx, { actor, bodyId, personId, ...input });
      return { changed: [...changed] };
    },
  });

  actionRoute(api, {
    path: '/bodies/{id}/members/{personId}/lapse',
    summary: 'End a membership on a day (today unless given); it is kept as history',
    params: MemberParams,
    action: LapseMember,
    answer: json(okWith({ leftOn: z.string() }), 'Lapsed'),
    refusals: conflict,
    run: (actor, bodyId, input, { personId }) =>
      lapseMember(ctx, { actor, bodyId, personId, leftOn: input.leftOn }),
  });

  actionRoute(api, {
    method: 'delete',
    path: '/bodies/{id}/members/{personId}',
    summary:
      'Take a member off the register altogether (no history kept; past rolls, votes and results stay)',
    params: MemberParams,
    action: RemoveMember,
    answer: json(Ok, 'Removed'),
    refusals: conflict,
    run: (actor, bodyId, _input, { personId }) => removeMember(ctx, { actor, bodyId, personId }),
  });

  actionRoute(api, {
    path: '/bodies/{id}/members/{personId}/invitation',
    summary: 'Email one member an invitation to sign up (again, with a fresh link)',
    params: MemberParams,
    action: InviteMember,
    answer: json(Ok, 'Invitation queued'),
    refusals: conflict,
    run: (actor, bodyId, _input, { personId }) => inviteMember(ctx, { actor, bodyId, personId }),
  });
}

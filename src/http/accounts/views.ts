import { z } from '@hono/zod-openapi';
import { Role, When } from '../view-schemas.ts';

/** What GET /me answers: everything held about the signed-in person (export-my-data.ts). */
export const MyData = z
  .object({
    exportedAt: When,
    person: z.object({ id: z.string(), name: z.string(), email: z.string(), createdAt: When }),
    account: z.object({ createdAt: When, siteAdministrator: z.boolean() }).nullable(),
    memberships: z.array(
      z.object({
        organisation: z.string(),
        body: z.string(),
        role: Role,
        memberNumber: z.string().nullable(),
        joinedOn: z.string().nullable(),
        leftOn: z.string().nullable(),
        voteWeight: z.number().nullable(),
        recordedAt: When,
      }),
    ),
    /** One-time links mailed to me (invitations, resets): what for and when, never the link. */
    linksSent: z.array(
      z.object({ purpose: z.string(), sentAt: When, expiresAt: When, usedAt: When.nullable() }),
    ),
    actionsTaken: z.array(z.object({ at: When, action: z.string(), subject: z.string() })),
    /** Each look at a member list I was on, by someone else. */
    seenBy: z.array(
      z.object({
        at: When,
        by: z.string(),
        what: z.enum(['member', 'register', 'register-export']),
        body: z.string().nullable(),
      }),
    ),
  })
  .openapi('MyData');

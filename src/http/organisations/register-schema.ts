import { z } from '@hono/zod-openapi';
import { action, field, NoFields, type FormFields } from '../action.ts';

/**
 * What a secretary sends to keep the register one member at a time: one schema per action,
 * read by the JSON route and the HTML form alike (src/http/action.ts). The use cases judge the
 * values (src/domain/organisations/register.ts); these only bound their size.
 */

/** A text field as sent, or left out when blank (an optional detail not given). */
const optionalText = (f: FormFields, name: string) => field(f, name)?.trim() || undefined;

/** A member's details, to add them or to correct them. */
export const MemberDetails = action(
  'MemberDetails',
  z.object({
    name: z.string().max(300),
    email: z.string().max(320),
    memberNumber: z.string().max(100).optional(),
    joinedOn: z.string().max(40).optional().openapi({ example: '2024-05-01' }),
  }),
  {
    fromForm: (f) => ({
      name: field(f, 'name') ?? '',
      email: field(f, 'email') ?? '',
      memberNumber: optionalText(f, 'memberNumber'),
      joinedOn: optionalText(f, 'joinedOn'),
    }),
  },
);

/** Lapsing a membership on a day (today when none is given). */
export const LapseMember = action(
  'MemberLapse',
  z.object({ leftOn: z.string().max(40).optional().openapi({ example: '2026-12-31' }) }),
  { fromForm: (f) => ({ leftOn: optionalText(f, 'leftOn') }) },
);

/** Taking a member off the register altogether. */
export const RemoveMember = action('MemberRemoval', NoFields);

/** Inviting one member to sign up. */
export const InviteMember = action('MemberInvitation', NoFields);

/** How the register is asked for, a page at a time, by the API and the pages alike. */
export const RegisterQuery = z.object({
  includeBelow: z.enum(['true', 'false']).optional(),
  status: z.enum(['current', 'lapsed', 'all']).optional(),
  search: z.string().max(200).optional(),
  after: z.string().max(2000).optional(),
  before: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

import type { z } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  field,
  formRoute,
  readForm,
  type Action,
  type Confirmation,
  type Mistake,
  type SignedInFormCall,
} from '../action.ts';
import type { HttpEnv } from '../env.ts';
import { actorOn } from '../pages/kit.tsx';

/** Who sends a form about a meeting, which meeting, and what else the form names. */
export interface MeetingCall {
  readonly actor: Actor;
  readonly meetingId: string;
  /** The path's other parameters (an agenda item, a request to speak). */
  readonly params: Readonly<Record<string, string>>;
  /** The motion, amendment, question or ballot a console form names in a hidden field. */
  readonly target: (name: string) => string;
}

/**
 * The forms of one page of a meeting (the meeting, its console, its speakers list): each runs its
 * action (schema.ts) for the meeting in the path, then goes `back`; a refusal shows on the page.
 */
export function meetingForms(
  web: Hono<HttpEnv>,
  page: (c: Context<HttpEnv>, mistake: Mistake) => Response | Promise<Response>,
  back: (meetingId: string) => string,
) {
  return <S extends z.ZodType>(
    path: string,
    action: Action<S>,
    run: (call: MeetingCall, input: z.infer<S>) => Promise<unknown>,
    /** A step that cannot be undone: what it asks before it acts (action.ts `confirm`). */
    confirm?: (call: SignedInFormCall) => Confirmation | Promise<Confirmation>,
  ) =>
    formRoute(web, path, action, {
      ...(confirm ? { confirm } : {}),
      run: async ({ c, params }, input) => {
        // The form was read once already; Hono gives the same fields again.
        const fields = await readForm(c);
        const target = (name: string) => field(fields, name) ?? '';
        return run({ ...actorOn(c, 'meetingId'), params, target }, input);
      },
      done: ({ params }) => back(params.id!),
      again: page,
    });
}

import { createRoute, z } from '@hono/zod-openapi';
import { TASKS_PER_KIND, viewMyTasks } from '../../app/home/view-my-tasks.ts';
import { COMMUNICATION_STATUSES } from '../../domain/resolutions/communication.ts';
import { actorOf, type Api, errors, json, okWith } from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';

/**
 * `GET /api/v1/me/tasks`: what waits for me, as the home page lists it (issue 16). The schema
 * follows the use case's `MyTask` union (src/app/home/view-my-tasks.ts) kind by kind; a client
 * should skip a kind it does not know, as new kinds will come.
 */

const Body = z.object({ id: z.string(), name: z.string() }).openapi('TaskBody');
const Instant = z.string().openapi({ format: 'date-time' });
const Path = z.string().openapi({ description: 'The page where the task is done' });

const communication = <K extends 'inbox' | 'model-motion'>(kind: K, name: string) =>
  z
    .object({
      kind: z.literal(kind),
      communicationId: z.string(),
      title: z.string(),
      status: z.enum(COMMUNICATION_STATUSES),
      from: z.string().openapi({ description: 'The sending body, then its organisation' }),
      receivedAt: Instant,
      body: Body,
      path: Path,
    })
    .openapi(name);

export const TaskSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('ballot'),
        ballotId: z.string(),
        question: z.string(),
        secret: z.boolean(),
        closesAt: Instant.nullable().openapi({
          description: 'Null when the ballot closes when its officers close it',
        }),
        body: Body,
        path: Path,
      })
      .openapi('BallotTask', { description: 'An open ballot I may vote in and have not' }),
    z
      .object({
        kind: z.literal('meeting'),
        meetingId: z.string(),
        title: z.string(),
        startsAt: Instant,
        timeZone: z.string(),
        status: z.enum(['scheduled', 'open']),
        signedIn: z.boolean(),
        body: Body,
        path: Path,
      })
      .openapi('MeetingTask', { description: 'A meeting open or coming, and whether I am in' }),
    z
      .object({
        kind: z.literal('motion-to-second'),
        motionId: z.string(),
        title: z.string(),
        meeting: z
          .object({ id: z.string(), title: z.string(), startsAt: Instant, timeZone: z.string() })
          .nullable(),
        body: Body,
        path: Path,
      })
      .openapi('MotionToSecondTask', {
        description: 'A motion submitted to my body that has no seconder yet',
      }),
    communication('inbox', 'InboxTask'),
    communication('model-motion', 'ModelMotionTask'),
    z
      .object({
        kind: z.literal('trustee'),
        ballotId: z.string(),
        question: z.string(),
        duty: z.enum([
          'trustee-key',
          'trustee-polynomial',
          'trustee-verification',
          'shuffle',
          'partial-decryption',
        ]),
        body: Body,
        path: Path,
      })
      .openapi('TrusteeTask', {
        description:
          'A key holder’s next step in an end-to-end ballot (docs/e2e-protocol.md): make a key, share it, check the shares, or decrypt the total',
      }),
  ])
  .openapi('Task');

/** The tasks route of the JSON API. */
export function tasksApi(api: Api, { ctx }: HttpOptions) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me/tasks',
      summary: `What waits for me: ballots to vote in, meetings coming, motions to second, inbox items and model motions of the bodies I serve (at most ${TASKS_PER_KIND} of each kind), each with the page where it is done`,
      responses: { 200: json(okWith({ tasks: z.array(TaskSchema) }), 'My tasks'), ...errors },
    }),
    async (c) => {
      const { tasks } = await viewMyTasks(ctx, { actor: actorOf(c) });
      return c.json({ ok: true as const, tasks }, 200);
    },
  );
}

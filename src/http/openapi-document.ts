import { SESSION_COOKIE } from './env.ts';
import { ROUTE_ACCESS } from './route-access.ts';

/**
 * What the API description says beyond each route's own declaration, in one place:
 *
 * - an `operationId` for every operation, made by one rule from its method and path, so client
 *   generators name their functions alike and the name never drifts from the route:
 *   `POST /ballots/{id}/votes` is `postBallotVotes`, `GET /bodies/{id}/inbox` `getBodyInbox`
 *   (a collection named before an id is read as one of it);
 * - the security scheme (the session cookie POST /session sets), required by every operation
 *   except those src/http/route-access.ts declares public or reached by a one-time link;
 * - the live event streams, which are not JSON and so not declared through zod.
 */

type Operation = Record<string, unknown>;
type PathItem = Record<string, Operation>;
interface ApiDocument {
  paths?: Record<string, PathItem>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const singular = (word: string) =>
  word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.endsWith('s') ? word.slice(0, -1) : word;
const capitalised = (word: string) =>
  word
    .split(/[-_.]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** `post` and `/ballots/{id}/votes` → `postBallotVotes`. */
export function operationIdOf(method: string, path: string): string {
  const segments = path.split('/').filter(Boolean);
  const words = segments.flatMap((segment, i) => {
    if (segment.startsWith('{')) return [];
    const nextIsId = segments[i + 1]?.startsWith('{');
    return [capitalised(nextIsId ? singular(segment) : segment)];
  });
  return method + words.join('');
}

/** The access route-access.ts declares for an operation of the API under /api/v1. */
const accessOf = (method: string, path: string) =>
  ROUTE_ACCESS[`${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`];

const EVENT_STREAMS: Record<string, { what: string; events: string }> = {
  '/meetings/{id}/events': {
    what: 'a meeting',
    events:
      'attendance (first: the quorum as it stands), then opened, closed, agenda, motion, amendment, question, declared, procedural, minutes, and resync when the replay window no longer reaches back to Last-Event-ID',
  },
  '/ballots/{id}/events': {
    what: 'a ballot',
    events:
      'turnout (first, and as votes are cast: how many have voted, never how), closed (with the result), and resync',
  },
};

export function completeDocument<D extends object>(document: D): D {
  // Read loosely: what is added here is plain OpenAPI, whatever the library's own types say.
  const doc = document as ApiDocument;
  const paths: Record<string, PathItem> = { ...doc.paths };
  for (const [path, stream] of Object.entries(EVENT_STREAMS)) {
    paths[path] = {
      get: {
        summary: `Follow ${stream.what} live (server-sent events)`,
        description: `A text/event-stream. Each event has its number on the stream as its id; reconnect with Last-Event-ID to get exactly the events missed. Events: ${stream.events}. At most 12 streams per session and 1,500 per address (429 beyond).`,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
        ],
        responses: {
          200: {
            description: 'The stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          401: { description: 'Not signed in' },
          404: { description: 'Not found' },
          429: { description: 'Too many streams open' },
        },
      },
    };
  }
  for (const [path, item] of Object.entries(paths)) {
    const completed: PathItem = { ...item };
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const access = accessOf(method, path);
      const open = access?.kind === 'public' || access?.kind === 'secret-link';
      completed[method] = {
        operationId: operationIdOf(method, path),
        ...operation,
        ...(open ? { security: [] } : {}),
      };
    }
    paths[path] = completed;
  }
  const completed: ApiDocument = {
    ...doc,
    paths,
    security: [{ session: [] }],
    components: {
      ...doc.components,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The session cookie that POST /session sets (httpOnly, SameSite=Lax).',
        },
      },
    },
  };
  return completed as D;
}

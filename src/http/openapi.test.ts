import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { createHttpApp } from './app.tsx';
import { operationIdOf } from './openapi-document.ts';

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  [key: string]: unknown;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  security: unknown[];
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, Schema> };
};

describe('the API description', () => {
  let doc: Doc;
  beforeAll(async () => {
    const open = await freshDatabase('sqlite');
    const app = createHttpApp({
      ctx: testContext(open),
      secureCookies: false,
      signInAttemptsPer15Min: 10,
    });
    doc = (await (await app.request('http://seconded.test/api/openapi.json')).json()) as Doc;
    await open.close();
  });
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  it('names every operation once, by one rule from its method and path', () => {
    const ids = operations().map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operationIdOf('post', '/ballots/{id}/votes')).toBe('postBallotVotes');
    expect(operationIdOf('get', '/bodies/{id}/inbox')).toBe('getBodyInbox');
    expect(operationIdOf('post', '/meetings/{id}/minutes/approve')).toBe(
      'postMeetingMinutesApprove',
    );
  });

  it('says how to authenticate, and which operations need no session', () => {
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'seconded_session',
    });
    expect(doc.security).toEqual([{ session: [] }]);
    expect(doc.paths['/session']!.post!.security).toEqual([]);
    expect(doc.paths['/resolutions/{id}']!.get!.security).toEqual([]);
    expect(doc.paths['/bodies/{id}/inbox']!.get!.security).toBeUndefined();
  });

  it('types the answer of every operation: no untyped, empty or `any` object', () => {
    const resolved = (schema: Schema): Schema =>
      schema.$ref ? resolved(doc.components.schemas[schema.$ref.split('/').pop()!]!) : schema;
    // What a client generator can only type as `unknown` or `Record<string, unknown>`.
    const untyped = (schema: Schema) =>
      Object.keys(schema).length === 0 ||
      (schema.type === 'object' && Object.keys(schema.properties ?? {}).length === 0);
    const problems = operations().flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses as Record<string, { content?: Record<string, any> }>) // eslint-disable-line @typescript-eslint/no-explicit-any
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) => {
          const at = `${method.toUpperCase()} ${path} ${status}`;
          const content = Object.entries(response.content ?? {});
          // An event stream or a file declares its content type; anything else is JSON.
          if (content.length === 0) return status === '204' ? [] : [`${at}: no content`];
          return content.flatMap(([type, { schema }]) =>
            type === 'application/json' && untyped(resolved(schema as Schema))
              ? [`${at}: untyped`]
              : !schema
                ? [`${at}: ${type} without a schema`]
                : [],
          );
        }),
    );
    expect(problems).toEqual([]);
  });

  it('describes the live event streams', () => {
    for (const path of ['/meetings/{id}/events', '/ballots/{id}/events']) {
      expect(Object.keys(doc.paths[path]!.get!.responses[200].content)).toEqual([
        'text/event-stream',
      ]);
    }
  });

  describe('a client generated from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seconded-client-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('type-checks, and refuses a call the API would refuse', async () => {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      await createClient({
        input: join(dir, 'openapi.json'),
        output: join(dir, 'client'),
        plugins: ['@hey-api/client-fetch'],
        logs: { level: 'silent' },
      });
      // What a member's script would write: sign in, vote, read the receipt.
      writeFileSync(
        join(dir, 'use.ts'),
        `import { postBallotVotes, postSession, getBallot, getBodyInbox, getMeeting } from './client/index.js';
export async function vote(ballotId: string): Promise<string | undefined> {
  await postSession({ body: { email: 'ada@example.org', password: 'correct horse battery' } });
  const cast = await postBallotVotes({ path: { id: ballotId }, body: { choice: 'for' } });
  const receipt: string | undefined = cast.data?.receipt;
  // @ts-expect-error a vote has no field "choise"
  await postBallotVotes({ path: { id: ballotId }, body: { choise: 'for' } });
  // @ts-expect-error the ballot's id is required
  await postBallotVotes({ body: { choice: 'for' } });
  await getBodyInbox({ path: { id: 'b' } });
  // A view's answer is typed to its fields: the ballot's question, the meeting's question before it.
  const ballot = await getBallot({ path: { id: ballotId } });
  const question: string | undefined = ballot.data?.question;
  // @ts-expect-error a ballot has no field "questoin"
  void ballot.data?.questoin;
  const meeting = await getMeeting({ path: { id: 'm' } });
  const before: 'amendment' | 'motion' | undefined = meeting.data?.current?.question.kind;
  void [question, before];
  return receipt;
}
`,
      );
      const program = ts.createProgram([join(dir, 'use.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
        skipLibCheck: true,
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
    }, 60_000);
  });
});

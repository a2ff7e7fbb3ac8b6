import { expect, it } from 'vitest';
import { freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import {
  changesState,
  isApi,
  openApiDocument,
  routeTable,
  type RouteKey,
} from '../../test/route-table.ts';
import { formActions } from './action.ts';
import { createHttpApp } from './app.tsx';

/**
 * Forms whose route does not yet validate through an action (src/http/action.ts). This list only
 * shrinks: a form route is moved onto its action, with the JSON route beside it, and its line goes.
 */
const NOT_YET: readonly RouteKey[] = [
  // meetings
  'POST /meetings/:id/speakers',
  'POST /meetings/:id/speakers/next',
  'POST /meetings/:id/speakers/end',
  'POST /meetings/:id/speakers/:requestId/withdraw',
  'POST /bodies/:id/meetings',
  'POST /bodies/:id/calendar-feed',
  'POST /meetings/:id/notice',
  'POST /meetings/:id/agenda',
  'POST /meetings/:id/agenda/:itemId/move',
  'POST /meetings/:id/agenda/:itemId/remove',
  'POST /meetings/:id/sign-in',
  'POST /meetings/:id/sign-out',
  'POST /meetings/:id/console/open',
  'POST /meetings/:id/console/cancel',
  'POST /meetings/:id/console/close',
  'POST /meetings/:id/console/sign-in',
  'POST /meetings/:id/console/sign-out',
  'POST /meetings/:id/console/motion-step',
  'POST /meetings/:id/console/amendment-step',
  'POST /meetings/:id/console/amend',
  'POST /meetings/:id/console/put',
  'POST /meetings/:id/console/composite',
  'POST /meetings/:id/console/put-ballot',
  'POST /meetings/:id/console/close-ballot',
  'POST /meetings/:id/console/vote',
  'POST /meetings/:id/console/procedural',
];

it('validates every HTML form with the zod schema its JSON route takes', async () => {
  const open = await freshDatabase('sqlite');
  const ctx = testContext(open);
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
  const forms = routeTable(app).filter((r) => changesState(r) && !isApi(r));
  const doc = await openApiDocument(client(ctx));
  await open.close();

  /** Every schema a JSON route of the API takes as its body, by its name. */
  const apiBodies = new Set(
    Object.values(doc.paths).flatMap((operations) =>
      Object.values(operations).flatMap((op) => {
        const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
        return ref ? [ref.replace('#/components/schemas/', '')] : [];
      }),
    ),
  );
  const declared = formActions();
  const withoutAction = forms.filter((r) => !declared.has(r) && !NOT_YET.includes(r));
  const withoutApi = forms.flatMap((r) => {
    const name = declared.get(r);
    return name && !apiBodies.has(name) ? [`${r} (${name})`] : [];
  });
  const stale = NOT_YET.filter((r) => declared.has(r) || !forms.includes(r));
  expect({ withoutAction, withoutApi, stale }).toEqual({
    withoutAction: [],
    withoutApi: [],
    stale: [],
  });
});

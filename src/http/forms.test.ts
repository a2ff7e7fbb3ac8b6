import { expect, it } from 'vitest';
import { freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import { changesState, isApi, openApiDocument, routeTable } from '../../test/route-table.ts';
import { formActions } from './action.ts';
import { createHttpApp } from './app.tsx';

it('validates every HTML form with the zod schema its JSON route takes', async () => {
  const open = await freshDatabase('sqlite');
  const ctx = testContext(open);
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
  // A peer server's signed request (witnessed chains) is JSON between machines, not a form.
  const forms = routeTable(app).filter(
    (r) => changesState(r) && !isApi(r) && !r.includes(' /chain-witness/'),
  );
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
  const withoutAction = forms.filter((r) => !declared.has(r));
  const withoutApi = forms.flatMap((r) => {
    const name = declared.get(r);
    return name && !apiBodies.has(name) ? [`${r} (${name})`] : [];
  });
  expect({ withoutAction, withoutApi }).toEqual({
    withoutAction: [],
    withoutApi: [],
  });
});

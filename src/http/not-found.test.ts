import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { signedIn } from '../../test/http-client.ts';
import { rolesFixture } from '../../test/roles.ts';
import { fillPath, isApi, pathOf, routeTable } from '../../test/route-table.ts';
import { personWithAccount } from '../../test/story.ts';
import { createHttpApp } from './app.tsx';

/** What a person is told: the status and the words of the refusal (or the start of the page). */
async function answer(res: Response, api: boolean) {
  const text = await res.text();
  const said = api
    ? text
    : (/<p role="alert">([^<]*)<\/p>/.exec(text)?.[1] ?? `a page of ${text.length} characters`);
  return `${res.status} ${said}`;
}

describeEachDatabase('one "not found" for what a person may not see', (database) => {
  it('answers an id of business hidden from them exactly as an id that never existed', async () => {
    const ctx = testContext(database());
    const fixture = await rolesFixture(ctx);
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    // Someone of no organisation here, and a member of another branch of the same organisation.
    await personWithAccount(ctx, 'outsider@example.org');
    const people = {
      outsider: await signedIn(ctx, 'outsider@example.org'),
      'member of another branch': fixture.clients['member of another branch'],
    };
    const ids = fixture.ids as Record<string, string | undefined>;
    const reads = routeTable(app).filter((key) => key.startsWith('GET ') && /\/:\w+/.test(key));
    const differences: string[] = [];
    let compared = 0;
    for (const key of reads) {
      let known = true;
      const real = fillPath(pathOf(key), (param, before) => {
        const id = /^(id|\w+Id)$/.test(param) ? ids[before] : undefined;
        if (!id) known = false;
        return id ?? '';
      });
      if (!known) continue;
      const madeUp = fillPath(pathOf(key), () => randomUUID());
      for (const [name, who] of Object.entries(people)) {
        const [seen, unknown] = [
          await answer(await who.request(real), isApi(key)),
          await answer(await who.request(madeUp), isApi(key)),
        ];
        compared += 1;
        // The outsider may see nothing here: every refusal must read as "never existed". A
        // member of another branch may see the body itself, so a 403 there tells them nothing
        // new; every "not found" they get must still be the made-up id's.
        const mustMatch = name === 'outsider' ? !seen.startsWith('200') : seen.startsWith('404');
        if (mustMatch && seen !== unknown)
          differences.push(`${key} as ${name}: ${seen} | made up: ${unknown}`);
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(40);
  }, 120_000);
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client } from '../../../test/http-client.ts';
import { childrenNamed, parseXml } from '../../../test/xml.ts';
import { branchOf, northfield } from '../../../test/story.ts';
import { isSignedBy } from '../../app/common/server-key.ts';
import { chainHeadText, type SignedChainHead } from '../../domain/chain-head.ts';
import { CHAIN_HEAD_NS } from './atom.ts';

describeEachDatabase('the published chain head', (database) => {
  it('is public JSON, signed with the key at /.well-known/seconded-key, cached and revalidated by its ETag', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const anonymous = client(ctx);
    const res = await anonymous.request('/r/northfield-movement/chain');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const head = (await res.json()) as SignedChainHead;
    expect(Object.keys(head)).toEqual([
      'format',
      'organisationId',
      'organisation',
      'seq',
      'hash',
      'at',
      'key',
      'signature',
    ]);
    const entries = await ctx.db
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .where('organisation_id', '=', story.organisation.organisationId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect([head.seq, head.hash]).toEqual([Number(entries.seq), entries.hash]);

    const key = (await (await anonymous.request('/.well-known/seconded-key')).json()) as {
      algorithm: string;
      key: string;
    };
    expect(key).toEqual({ format: 'seconded-chain-head/1', algorithm: 'Ed25519', key: head.key });
    expect(isSignedBy(key.key, chainHeadText(head), head.signature)).toBe(true);

    // Unchanged: a 304 with nothing in it. After one more decision: the new head.
    const etag = res.headers.get('etag')!;
    const same = await anonymous.request('/r/northfield-movement/chain', {
      headers: { 'if-none-match': etag },
    });
    expect([same.status, await same.text()]).toEqual([304, '']);
    await branchOf(ctx, story.admin, story.nationalId, 'Islington Group');
    const moved = await anonymous.request('/r/northfield-movement/chain', {
      headers: { 'if-none-match': etag },
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as SignedChainHead).seq).toBe(head.seq + 1);

    expect((await anonymous.request('/r/nobody/chain')).status).toBe(404);
  });

  it('is in the organisation’s Atom feed and linked from its index, so readers keep a copy', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const anonymous = client(ctx);
    const head = (await (
      await anonymous.request('/r/northfield-movement/chain')
    ).json()) as SignedChainHead;
    const feed = parseXml(
      await (await anonymous.request('/r/northfield-movement/feed.atom')).text(),
    );
    expect(feed.attributes['xmlns:seconded']).toBe(CHAIN_HEAD_NS);
    const link = childrenNamed(feed, 'link').find((l) => l.attributes.rel === 'related');
    expect(link?.attributes).toMatchObject({
      type: 'application/json',
      href: 'http://seconded.test/r/northfield-movement/chain',
    });
    const [element] = childrenNamed(feed, 'seconded:chain-head');
    expect({ ...element!.attributes, seq: Number(element!.attributes.seq) }).toEqual(head);
    // A body's own feed is not the organisation's chain.
    const body = await anonymous.request(
      '/r/northfield-movement/bodies/camden-town-group/feed.atom',
    );
    expect(body.status).toBe(200);
    expect(await body.text()).not.toContain('chain-head');
    const index = await (await anonymous.request('/r/northfield-movement')).text();
    expect(index).toContain('href="/r/northfield-movement/chain"');
  });
});

import { Hono } from 'hono';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client, ORIGIN } from '../../test/http-client.ts';
import { openCamdenMeeting, sseReader } from '../../test/live-room.ts';
import { northfield } from '../../test/story.ts';
import { createHttpApp } from './app.tsx';
import { chooseEncoding, compression } from './compression.ts';

const decode = (encoding: string | null, bytes: Uint8Array) =>
  new Uint8Array(
    encoding === 'br'
      ? brotliDecompressSync(bytes)
      : encoding === 'gzip'
        ? gunzipSync(bytes)
        : bytes,
  );

describeEachDatabase('compressed answers', (database) => {
  it('sends pages, feeds, JSON, styles and scripts over 1 KB in Brotli or gzip, and they decode to the same bytes', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const anonymous = client(ctx);
    for (const path of [
      '/r/northfield-movement',
      '/r/northfield-movement/feed.atom',
      '/api/openapi.json',
      '/assets/site.css',
      '/assets/live.js',
    ]) {
      const plain = await anonymous.request(path, { headers: { 'accept-encoding': 'identity' } });
      const bytes = new Uint8Array(await plain.arrayBuffer());
      expect([path, plain.status, plain.headers.get('content-encoding')]).toEqual([
        path,
        200,
        null,
      ]);
      expect(plain.headers.get('vary'), path).toContain('Accept-Encoding');
      expect(bytes.byteLength, path).toBeGreaterThan(1024);
      for (const [accept, encoding] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip, deflate', 'gzip'],
        ['br;q=0, gzip', 'gzip'],
      ] as const) {
        const res = await anonymous.request(path, { headers: { 'accept-encoding': accept } });
        const packed = new Uint8Array(await res.arrayBuffer());
        expect([path, accept, res.headers.get('content-encoding')]).toEqual([
          path,
          accept,
          encoding,
        ]);
        expect(res.headers.get('vary'), path).toContain('Accept-Encoding');
        expect(Number(res.headers.get('content-length')), path).toBe(packed.byteLength);
        expect(packed.byteLength, path).toBeLessThan(bytes.byteLength);
        expect(decode(encoding, packed), path).toEqual(bytes);
      }
    }
  }, 60_000);

  it('gives a compressed page a tag of its own, which revalidates', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const anonymous = client(ctx);
    const index = '/r/northfield-movement';
    const plainTag = (await anonymous.request(index)).headers.get('etag')!;
    const br = await anonymous.request(index, { headers: { 'accept-encoding': 'br' } });
    const brTag = br.headers.get('etag')!;
    expect(brTag).toBe(plainTag.replace(/"$/, '-br"'));
    const same = await anonymous.request(index, {
      headers: { 'accept-encoding': 'br', 'if-none-match': brTag },
    });
    expect([same.status, same.headers.get('etag'), await same.text()]).toEqual([304, brTag, '']);
    expect(same.headers.get('vary')).toContain('Accept-Encoding');
    const head = await anonymous.request(index, {
      method: 'HEAD',
      headers: { 'accept-encoding': 'br' },
    });
    expect([head.status, head.headers.get('vary')]).toEqual([
      200,
      'Accept-Language, Cookie, Accept-Encoding',
    ]);
  }, 60_000);

  it('never compresses an event stream: each event leaves as soon as it happens', async () => {
    const ctx = testContext(database());
    const room = await openCamdenMeeting(ctx, 2);
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const res = await app.request(`${ORIGIN}/api/v1/meetings/${room.meetingId}/events`, {
      headers: { cookie: `seconded_session=${room.chairToken}`, 'accept-encoding': 'gzip, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    const events = sseReader(res);
    expect(await events.next()).toMatchObject({ event: 'attendance' });
    await events.cancel();
  }, 60_000);
});

it('never compresses a PDF, even a large one, nor a small answer', async () => {
  const app = new Hono();
  app.use(compression);
  app.get('/big.pdf', (c) =>
    c.body('%PDF-1.7\n'.padEnd(5000, 'x'), 200, { 'Content-Type': 'application/pdf' }),
  );
  app.get('/small', (c) => c.html('<p>hello</p>'));
  const headers = { 'accept-encoding': 'gzip, br' };
  const pdf = await app.request('/big.pdf', { headers });
  expect(pdf.headers.get('content-encoding')).toBeNull();
  expect((await pdf.arrayBuffer()).byteLength).toBe(5000);
  const small = await app.request('/small', { headers });
  expect(small.headers.get('content-encoding')).toBeNull();
  expect(small.headers.get('vary')).toBe('Accept-Encoding');
  expect(await small.text()).toBe('<p>hello</p>');
});

it('chooses Brotli, then gzip, from Accept-Encoding, and none when both are refused', () => {
  expect(chooseEncoding(undefined)).toBeUndefined();
  expect(chooseEncoding('gzip, deflate, br')).toBe('br');
  expect(chooseEncoding('gzip')).toBe('gzip');
  expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
  expect(chooseEncoding('*')).toBe('br');
  expect(chooseEncoding('*;q=0, identity')).toBeUndefined();
  expect(chooseEncoding('identity')).toBeUndefined();
});

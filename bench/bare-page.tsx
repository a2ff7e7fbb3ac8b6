/**
 * The pages benchmark's baseline (bench/pages.ts): a bare Hono JSX page of a given size, served
 * by @hono/node-server in a process of its own, as `seconded serve` serves its pages. No
 * database, session, middleware or cache: what rendering a page of that size costs the
 * framework. `node bin/run-ts.js bench/bare-page.tsx BYTES` prints `serving http://…` on stderr.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const bytes = Number(process.argv[2] ?? 3000);
// Paragraphs of about 100 bytes each, so that the page is built of elements as a real one is.
const paragraphs = Array.from({ length: Math.max(1, Math.round(bytes / 100)) }, (_, i) =>
  `Paragraph ${i}: the branch calls on the national executive to act, and says why. `.slice(0, 85),
);

const app = new Hono();
app.get('/page', (c) =>
  c.html(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>A page</title>
      </head>
      <body>
        <main>
          <h1>A page</h1>
          {paragraphs.map((p) => (
            <p>{p}</p>
          ))}
        </main>
      </body>
    </html>,
  ),
);

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.error(`serving http://127.0.0.1:${info.port} `);
});

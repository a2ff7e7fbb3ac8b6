import { Hono } from 'hono';
import { pendingMigrations } from '../db/database.ts';
import type { HttpEnv, HttpOptions } from './env.ts';

/** How long readiness waits for the database before it calls it unreachable. */
const READY_TIMEOUT_MS = 2_000;

/**
 * For whatever runs the server (a container's health check, a load balancer, systemd):
 * `/healthz` says the process answers at all, and is what a restart should hang on;
 * `/readyz` says it can do its work, so traffic should come here: the database answers within
 * two seconds and has every migration. Neither says anything about the data.
 */
export function healthRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();
  web.get('/healthz', (c) => c.json({ ok: true }));
  web.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS);
    });
    try {
      const pending = await Promise.race([pendingMigrations(ctx.db), timeout]);
      if (pending === 'timeout') return c.json({ ok: false, database: 'not answering' }, 503);
      if (pending.length) return c.json({ ok: false, pendingMigrations: pending }, 503);
      return c.json({ ok: true }, 200);
    } catch {
      return c.json({ ok: false, database: 'unreachable' }, 503);
    } finally {
      clearTimeout(timer);
    }
  });
  return web;
}

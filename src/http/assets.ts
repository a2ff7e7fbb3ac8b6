import type { Hono } from 'hono';
import type { HttpEnv } from './env.ts';

/**
 * GET `path`: a stylesheet or script the server holds in memory. Browsers may keep it an hour;
 * pages work without it meanwhile, so a change reaching them late costs nothing.
 */
export function asset(
  web: Hono<HttpEnv>,
  path: string,
  body: string,
  type: 'text/css' | 'text/javascript',
) {
  web.get(path, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(body, 200, { 'Content-Type': `${type}; charset=utf-8` });
  });
}

import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { openDatabase, migrateToLatest } from '../db/database.ts';
import { createHttpApp } from './app.tsx';

const readyz = async (app: ReturnType<typeof createHttpApp>) => {
  const response = await app.request('/readyz');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

for (const dialect of DIALECTS) {
  describe(`health and readiness [${dialect}]`, () => {
    it('is alive and ready on a migrated database, and not ready while a migration is missing', async () => {
      const open = await freshDatabase(dialect);
      try {
        const app = createHttpApp({
          ctx: testContext(open),
          secureCookies: false,
          signInAttemptsPer15Min: 10,
        });
        expect((await app.request('/healthz')).status).toBe(200);
        expect(await readyz(app)).toEqual({ status: 200, body: { ok: true } });

        const [last] = (
          await sql<{
            name: string;
          }>`select name from kysely_migration order by name desc limit 1`.execute(open.db)
        ).rows;
        await sql`delete from kysely_migration where name = ${last!.name}`.execute(open.db);
        expect(await readyz(app)).toEqual({
          status: 503,
          body: { ok: false, pendingMigrations: [last!.name] },
        });
      } finally {
        await open.close();
      }
    });
  });
}

/** A TCP relay to PostgreSQL that can be cut and restored, as a database server going down. */
function relay(to: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const start = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(to.port || 5432), to.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  return { start, stop };
}

describe.skipIf(!DIALECTS.includes('postgres'))('readiness while PostgreSQL is down', () => {
  it('answers 503 while the database is down and 200 when it is back, and stays alive', async () => {
    const url = new URL(inject('postgresUrl')!);
    const cut = relay(url);
    const port = await cut.start(0);
    const through = new URL(url);
    through.port = String(port);
    through.hostname = '127.0.0.1';
    // A schema of its own, as every PostgreSQL test has, dropped afterwards.
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const open = openDatabase({ kind: 'postgres', url: through.toString() }, { schema });
    try {
      await migrateToLatest(open);
      const app = createHttpApp({
        ctx: testContext(open),
        secureCookies: false,
        signInAttemptsPer15Min: 10,
      });
      expect((await readyz(app)).status).toBe(200);

      await cut.stop();
      expect(await readyz(app)).toEqual({
        status: 503,
        body: { ok: false, database: 'unreachable' },
      });
      expect((await app.request('/healthz')).status).toBe(200);

      await cut.start(port);
      expect(await readyz(app)).toEqual({ status: 200, body: { ok: true } });
    } finally {
      await open.close();
      await cut.stop();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }, 60_000);
});

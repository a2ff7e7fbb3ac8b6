import type { AppContext, Logger } from './app/common/context.ts';
import { startBallotCheckPool, type BallotCheckPool } from './infra/ballot-check-pool.ts';
import { createDatabaseEventHub } from './infra/live-hub.ts';
import { createLogger } from './infra/log.ts';
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, type OpenDatabase } from './db/database.ts';
import { createMailer } from './mail/mailer.ts';

/*
 * Apart from the web server (main.ts) so that a command that only needs the database, such as
 * `seconded import-members`, does not load the pages, the API and federation: loading them
 * costs the process about 130 MB of memory before it does anything (README: Importing a
 * register).
 */

/** Opens and migrates the database and builds the context every use case is given. */
export async function openApp(
  config: Config,
  log: Logger = createLogger(config.logLevel, config.logFormat),
): Promise<{ ctx: AppContext; database: OpenDatabase }> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const events = createDatabaseEventHub({
    db: database.db,
    dialect: database.dialect,
    log,
    newClient: database.newClient,
  });
  let pool: BallotCheckPool | undefined;
  const ctx: AppContext = {
    db: database.db,
    mailer: createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      console: (m) => console.log(m),
      development: config.development,
    }),
    baseUrl: config.baseUrl,
    now: () => new Date(),
    log,
    events,
    ...(config.signingKey ? { signingKey: config.signingKey } : {}),
    ...(config.federation
      ? {
          federation: {
            origin: config.federation.origin,
            allowedPeers: config.federation.allowedPeers,
          },
        }
      : {}),
    // Started on the first end-to-end vote cast (or key holder's step), when the configuration
    // asks for threads.
    ...(config.ballotCheckThreads
      ? {
          checkBallot: (request: Parameters<NonNullable<AppContext['checkBallot']>>[0]) =>
            (pool ??= startBallotCheckPool(config.ballotCheckThreads!)).check(request),
          checkSlices: {
            threads: config.ballotCheckThreads,
            shuffle: (slices) =>
              (pool ??= startBallotCheckPool(config.ballotCheckThreads!)).slices.shuffle(slices),
            decryption: (slices) =>
              (pool ??= startBallotCheckPool(config.ballotCheckThreads!)).slices.decryption(slices),
          },
        }
      : {}),
  };
  return {
    ctx,
    database: {
      ...database,
      // Live events still being stored go out first; then the listening connection closes.
      async close() {
        await events.close();
        await pool?.close();
        await database.close();
      },
    },
  };
}

import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from './app/common/context.ts';
import { issueSetupLink } from './app/accounts/first-admin.ts';
import { createLogger } from './infra/log.ts';
import { startOutboxSender } from './infra/outbox-sender.ts';
import { createFederationSeam } from './infra/federation.ts';
import {
  startChainWitness,
  startFederationReconciler,
  startFederationSender,
} from './infra/federation-sender.ts';
import { startBallotScheduler } from './infra/ballot-scheduler.ts';
import { startUploadSweeper } from './infra/upload-sweeper.ts';
import type { Config } from './config.ts';
import { createHttpApp } from './http/app.tsx';
import { openApp } from './open-app.ts';

export { openApp };

export interface RunningServer {
  readonly url: string;
  readonly setupLink: string | null;
  close(): Promise<void>;
}

/** Starts Seconded: database, migrations, web server; prints the first-admin link if needed. */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel, config.logFormat),
): Promise<RunningServer> {
  const { ctx, database } = await openApp(config, log);
  const federation = config.federation ? createFederationSeam(ctx, config.federation) : undefined;
  const app = createHttpApp({
    ...(federation ? { federation } : {}),
    ctx,
    secureCookies: config.secureCookies,
    signInAttemptsPer15Min: config.signInAttemptsPer15Min,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    oidcAllowHttp: config.oidcAllowHttp,
    poolStats: database.poolStats,
  });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.baseUrl.replace(`:${config.port}`, `:${port}`);
  const where = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  log.info(`Seconded is serving ${url} (database: ${where})`);
  if (!config.smtpUrl) {
    log.warn(
      config.development
        ? 'SMTP_URL is not set: mail is printed to this console (NODE_ENV=development).'
        : 'SMTP_URL is not set: invitations, notices and password resets wait in the outbox until it is.',
    );
  }
  // Sends queued mail every 2 s, and at once when this process queues some. With nowhere to send
  // it, none is tried: each try would fail and record its failure, one write per message, and
  // a ballot of 10,000 queues 10,000 at its opening and 10,000 at its close, which would hold the
  // database (SQLite's one writer) against the votes for nothing. The mail waits as it says.
  const sender =
    config.smtpUrl || config.development ? startOutboxSender(ctx, { intervalMs: 2000 }) : null;
  // Opens, reminds and closes ballots on their timetables, every 5 s.
  const scheduler = startBallotScheduler(ctx, {
    intervalMs: 5000,
    reminderBeforeMs: config.ballotReminderHours * 3_600_000,
  });
  // Deletes the key holders' uploads in parts left a day without a part, every ten minutes.
  const uploadSweeper = startUploadSweeper(ctx, { intervalMs: 600_000 });
  // Sends activities queued for other servers, every second (issue 19).
  const federationSender = federation && startFederationSender(ctx, federation);
  // Pulls what other servers answered to our open Offers, in case a push was lost.
  const federationReconciler = federation && startFederationReconciler(ctx, federation);
  // Sends each chain's head to the peers to be witnessed (docs/witnessed-chains.md).
  const chainWitness = federation && startChainWitness(ctx, federation);
  const setupLink = await issueSetupLink({ ...ctx, baseUrl: url });
  if (setupLink) {
    console.log(
      `\nNo administrator yet. Open this one-time link to create the first one:\n\n    ${setupLink}\n`,
    );
  }
  return {
    url,
    setupLink,
    async close() {
      // Screens following a meeting hold their connections open; they reconnect elsewhere.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
      await scheduler.stop();
      await uploadSweeper.stop();
      await sender?.stop();
      await federationSender?.stop();
      await federationReconciler?.stop();
      await chainWitness?.stop();
      await database.close();
    },
  };
}

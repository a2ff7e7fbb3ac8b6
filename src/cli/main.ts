import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { AppContext } from '../app/shared/context.ts';
import { createSiteAdmin } from '../app/accounts/create-site-admin.ts';
import { importMembers } from '../app/organisations/import-members.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { verifyAuditChains } from '../app/shared/audit-log.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import {
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
} from '../domain/organisations/member-import.ts';
import type { Actor } from '../domain/organisations/policy.ts';
import { findBody, findBodyBySlug, findOrganisationBySlug } from '../db/queries/organisations.ts';
import { copySqliteDatabase, migrateToLatest, openDatabase } from '../db/database.ts';
import { openApp, startServer } from '../main.ts';
import { progressBar } from './progress.ts';
import { tallyCommand } from './tally.ts';
import { METHOD_NAMES } from '../domain/tally/count.ts';

const USAGE = `Usage: seconded <command> [options]

Commands:
  serve                               Start the web server (the default)
  migrate                             Bring the database schema up to date
  create-admin --email E --name N     Create a site administrator (password read from stdin)
  import-members FILE --body BODY     Import a member register from CSV
        [--dry-run]                   Report what would change; save nothing
        [--map field=Heading ...]     Say which column holds a field (${IMPORT_FIELDS.join(', ')})
                                      BODY is a body id or organisation-slug/body-slug
  tally FILE.blt [--method M] [--seats N] [--format text|json] [--seed S]
                                      Count a ballot file (methods: ${METHOD_NAMES.join(', ')})
  verify                              Recompute every organisation's audit chain, and check
                                      every published result against it
  backup FILE                         Copy the SQLite database to FILE while the server runs
  restore FILE                        Put a backup in place as SQLITE_FILE (which must not exist)
  demo                                Load the fictional demo organisations and people

Configuration comes from the environment: see the README.`;

/** The CLI is thin: parse arguments, call a use case, print. Returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'tally') {
    // Counting a ballot file needs no database or configuration.
    return tallyCommand(rest, {
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: process.stderr.isTTY === true,
    });
  }
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78; // EX_CONFIG
    }
    throw error;
  }
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(config);
      case 'migrate':
        return await migrateCommand(config);
      case 'create-admin':
        return await withApp(config, (ctx) => createAdminCommand(ctx, rest));
      case 'import-members':
        return await withApp(config, (ctx) => importCommand(ctx, rest));
      case 'verify':
        return await withApp(config, verifyCommand);
      case 'backup':
        return await copyCommand(config, rest, 'backup');
      case 'restore':
        return await copyCommand(config, rest, 'restore');
      case 'demo':
        return await withApp(config, demoCommand);
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 64; // EX_USAGE
    }
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(
        `${error.message}${error.problems.length ? '\n' + error.problems.map((p) => `  - ${p.message}`).join('\n') : ''}`,
      );
      return 65; // EX_DATAERR
    }
    if (error instanceof TypeError && /parseArgs|Unknown option|Option/.test(error.message)) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 64;
    }
    throw error;
  }
}

async function withApp(config: Config, fn: (ctx: AppContext) => Promise<number>): Promise<number> {
  const { ctx, database } = await openApp(config);
  try {
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

async function serveCommand(config: Config): Promise<number> {
  const server = await startServer(config);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

async function migrateCommand(config: Config): Promise<number> {
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('Password (at least 10 characters): ');
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function createAdminCommand(ctx: AppContext, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.name) {
    console.error(
      'create-admin needs --email and --name; the password is read from standard input.',
    );
    return 64;
  }
  await createSiteAdmin(ctx, {
    email: values.email,
    name: values.name,
    password: await readPassword(),
  });
  console.log(`Created site administrator ${values.email}. Sign in at ${ctx.baseUrl}/sign-in`);
  return 0;
}

/** `abc-id` or `organisation-slug/body-slug`. */
async function resolveBody(ctx: AppContext, ref: string) {
  const [orgSlug, bodySlug] = ref.split('/');
  if (orgSlug && bodySlug) {
    const organisation = await findOrganisationBySlug(ctx.db, orgSlug);
    const body = organisation ? await findBodyBySlug(ctx.db, organisation.id, bodySlug) : undefined;
    if (body) return body;
  }
  const body = await findBody(ctx.db, ref);
  if (!body)
    throw new DomainError(
      'NOT_FOUND',
      `There is no body "${ref}". Give its id or organisation-slug/body-slug.`,
    );
  return body;
}

async function importCommand(ctx: AppContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      body: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      map: { type: 'string', multiple: true },
    },
  });
  const [file] = positionals;
  if (!file || !values.body) {
    console.error('import-members needs a FILE and --body BODY.');
    return 64;
  }
  let mapping: ColumnMapping | undefined;
  for (const pair of values.map ?? []) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq) as ImportField;
    if (eq < 1 || !IMPORT_FIELDS.includes(field)) {
      console.error(
        `--map takes field=Heading, with field one of ${IMPORT_FIELDS.join(', ')}; got "${pair}".`,
      );
      return 64;
    }
    mapping = { ...mapping, [field]: pair.slice(eq + 1) };
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return 66; // EX_NOINPUT
  }
  const body = await resolveBody(ctx, values.body);
  // The CLI runs with the server's own authority: whoever can run it can read the database.
  const operator: Actor = {
    personId: 'cli:operator',
    isSiteAdmin: true,
    memberships: [{ bodyId: body.id, organisationId: body.organisation_id, role: 'admin' }],
  };
  const bar = progressBar(`Importing into ${body.name}`);
  const report = await importMembers(ctx, {
    actor: operator,
    bodyId: body.id,
    csv,
    mapping,
    dryRun: values['dry-run'],
    onProgress: (d, t) => bar.update(d, t),
  });
  bar.done();
  const verb = report.dryRun ? 'would be ' : '';
  console.log(
    `${report.dryRun ? 'Dry run (nothing saved): ' : ''}${report.rows} rows: ${report.added} ${verb}added, ${report.updated} ${verb}updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected.`,
  );
  console.log(
    `Columns: ${Object.entries(report.mapping)
      .map(([f, h]) => `${f}=${h}`)
      .join(', ')}`,
  );
  for (const r of report.rejected) console.log(`  line ${r.line}: ${r.reason}`);
  return 0;
}

async function verifyCommand(ctx: AppContext): Promise<number> {
  const reports = await verifyAuditChains(ctx.db);
  let broken = 0;
  for (const r of reports) {
    if (r.broken) {
      broken += 1;
      console.log(`BROKEN  organisation ${r.organisationId}: ${r.broken.reason}`);
    } else console.log(`ok      organisation ${r.organisationId}: ${r.entries} entries`);
  }
  return broken ? 1 : 0;
}

/**
 * `backup FILE` copies the live SQLite database to FILE; `restore FILE` copies FILE into place
 * as SQLITE_FILE, with the server stopped. Both use SQLite's online backup API, so a backup is
 * consistent even while votes are being cast. PostgreSQL has its own tools (README: Backups).
 */
async function copyCommand(config: Config, argv: string[], verb: 'backup' | 'restore') {
  const [file, ...extra] = argv;
  if (!file || extra.length) {
    console.error(`${verb} needs exactly one FILE.`);
    return 64;
  }
  if (config.database.kind !== 'sqlite') {
    console.error(
      verb === 'backup'
        ? 'This server uses PostgreSQL: back it up with pg_dump --format=custom --file FILE "$DATABASE_URL" (see the README).'
        : 'This server uses PostgreSQL: restore with pg_restore --dbname "$DATABASE_URL" --no-owner FILE (see the README).',
    );
    return 64;
  }
  const [from, to] =
    verb === 'backup' ? [config.database.file, file] : [file, config.database.file];
  const bar = progressBar(verb === 'backup' ? `Backing up to ${to}` : `Restoring ${from}`);
  const { pages } = await copySqliteDatabase(from, to, (d, t) => bar.update(d, t));
  bar.done();
  console.log(`${verb === 'backup' ? 'Backed up' : 'Restored'} ${pages} pages to ${to}.`);
  return 0;
}

async function demoCommand(ctx: AppContext): Promise<number> {
  const { password, accounts, discardedMail } = await seedDemo(ctx);
  console.log(
    'Loaded the demo: Northfield Movement (National Coordinating Group; Camden Town, Hackney and Islington groups) and Northfield Party (NEC).',
  );
  console.log(`Sign in at ${ctx.baseUrl}/sign-in with any of these, password ${password}:`);
  for (const a of accounts) console.log(`  ${a.email.padEnd(32)} ${a.role}`);
  console.log(
    `The story's ${discardedMail} notices and notifications to these fictional example.org addresses were not sent.`,
  );
  return 0;
}

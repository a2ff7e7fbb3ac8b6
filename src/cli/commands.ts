import { closeSync, createReadStream, openSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { createSiteAdmin } from '../app/accounts/create-site-admin.ts';
import { importMembers } from '../app/organisations/import-members.ts';
import type { AppContext } from '../app/common/context.ts';
import type { Config } from '../config.ts';
import { copySqliteDatabase, migrateToLatest, openDatabase } from '../db/database.ts';
import { findBody, findBodyBySlug, findOrganisationBySlug } from '../db/queries/organisations.ts';
import { DomainError } from '../domain/errors.ts';
import {
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
} from '../domain/organisations/member-import.ts';
import type { Actor } from '../domain/organisations/policy.ts';
import { EXIT, UsageError, type Command, type Parsed } from './command.ts';
import { progressBar } from './progress.ts';
import { countFile, TALLY } from './tally.ts';
import { verify } from './verify.ts';
import { federationCommand } from './federation.ts';
import { TRUSTEE, trustee } from './trustee.ts';
import { VERIFY_BALLOT, verifyBallot } from './verify-ballot.ts';

/**
 * Every `seconded` command: its declaration (words for --help, options) beside what it does. Each
 * is thin: read the arguments, call a use case, print. What a command needs (nothing, the
 * configuration, or the opened application) is given to it by the dispatcher in main.ts.
 */
export type CliCommand =
  | (Command & { readonly needs: 'nothing'; run(p: Parsed): Promise<number> })
  | (Command & { readonly needs: 'config'; run(p: Parsed, config: Config): Promise<number> })
  | (Command & { readonly needs: 'app'; run(p: Parsed, ctx: AppContext): Promise<number> });

const serve: CliCommand = {
  name: 'serve',
  summary: 'Start the web server (the default command; what npm start runs)',
  synopsis: '',
  help: `Serves the site and the JSON API on HOST:PORT until stopped with Ctrl-C or SIGTERM.
The database schema is brought up to date first. Configuration comes from the environment
(PORT, HOST, BASE_URL, DATABASE_URL or SQLITE_FILE, SMTP_URL...): see the README.`,
  options: {},
  positionals: [],
  needs: 'config',
  async run(_p, config) {
    // Loaded here, not with the CLI: the pages, the API and federation cost about 130 MB that
    // the other commands (an import of a million members among them) have no use for.
    const { startServer } = await import('../main.ts');
    const server = await startServer(config);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
    return EXIT.ok;
  },
};

const migrate: CliCommand = {
  name: 'migrate',
  summary: 'Bring the database schema up to date',
  synopsis: '',
  help: `Applies every migration the database has not had yet, each in its own transaction, and
names them. The server does the same when it starts; run this before starting several server
processes on one PostgreSQL database.`,
  options: {},
  positionals: [],
  needs: 'config',
  async run(_p, config) {
    const database = openDatabase(config.database);
    try {
      const applied = await migrateToLatest(database);
      console.log(
        applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.',
      );
      return EXIT.ok;
    } finally {
      await database.close();
    }
  },
};

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('Password (at least 10 characters): ');
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

const createAdmin: CliCommand = {
  name: 'create-admin',
  summary: 'Create a site administrator',
  synopsis: '--email E --name N',
  help: `The password is read from standard input (at least 10 characters), so it stays out of
the shell's history: printf '%s\\n' "$PASSWORD" | npx seconded create-admin --email E --name N

  --email E   the administrator's email address (their sign-in)
  --name N    their name as people will see it`,
  options: { email: { type: 'string' }, name: { type: 'string' } },
  positionals: [],
  needs: 'app',
  async run({ values }, ctx) {
    const email = values.email as string | undefined;
    const name = values.name as string | undefined;
    if (!email || !name) throw new UsageError('create-admin needs --email and --name.');
    await createSiteAdmin(ctx, { email, name, password: await readPassword() });
    console.log(`Created site administrator ${email}. Sign in at ${ctx.baseUrl}/sign-in`);
    return EXIT.ok;
  },
};

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

function columnMapping(pairs: readonly string[]): ColumnMapping | undefined {
  let mapping: ColumnMapping | undefined;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq) as ImportField;
    if (eq < 1 || !IMPORT_FIELDS.includes(field)) {
      throw new UsageError(
        `--map takes field=Heading, with field one of ${IMPORT_FIELDS.join(', ')}; got "${pair}".`,
      );
    }
    mapping = { ...mapping, [field]: pair.slice(eq + 1) };
  }
  return mapping;
}

const importMembersCommand: CliCommand = {
  name: 'import-members',
  summary: 'Import a member register from a CSV file',
  synopsis: 'FILE --body BODY [--dry-run] [--map field=Heading ...]',
  help: `Adds new members, updates those already known (by email or member number) and reports
every row it rejects with its line and reason; the rows that are valid are imported. It exits 0
when every row was taken and 65 when any was rejected, so a script notices.

  --body BODY          the body's id, or organisation-slug/body-slug
  --dry-run            report what would change; save nothing
  --map field=Heading  say which column holds a field (${IMPORT_FIELDS.join(', ')});
                       repeat for each field. A branch column places members in the body of
                       that name below BODY.`,
  options: {
    body: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    map: { type: 'string', multiple: true },
  },
  positionals: ['FILE'],
  needs: 'app',
  async run({ values, positionals }, ctx) {
    const file = positionals[0]!;
    const bodyRef = values.body as string | undefined;
    if (!bodyRef) throw new UsageError('import-members needs --body BODY.');
    const mapping = columnMapping((values.map as string[] | undefined) ?? []);
    let size: number;
    try {
      size = statSync(file).size;
      closeSync(openSync(file, 'r'));
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return EXIT.noInput;
    }
    // Read as it streams, in Node's 64 KB chunks: a register of a million members is never held
    // whole. Chunks of 1 MB left the process 80 MB larger (README: Importing a register).
    const csv = { size, chunks: () => createReadStream(file) };
    const body = await resolveBody(ctx, bodyRef);
    // The CLI runs with the server's own authority: whoever can run it can read the database.
    const operator: Actor = {
      personId: 'cli:operator',
      isSiteAdmin: true,
      memberships: [{ bodyId: body.id, organisationId: body.organisation_id, role: 'admin' }],
    };
    let rowsRead = 0;
    const bar = progressBar(`Importing into ${body.name}`, process.stderr, {
      amounts: (done, total) =>
        `${rowsRead.toLocaleString('en-GB')} rows, ${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`,
    });
    const report = await importMembers(ctx, {
      actor: operator,
      bodyId: body.id,
      csv,
      mapping,
      dryRun: values['dry-run'] === true,
      onProgress: (done, total, rows) => {
        rowsRead = rows;
        bar.update(done, total);
      },
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
    return report.rejected.length ? EXIT.dataError : EXIT.ok;
  },
};

const tally: CliCommand = {
  ...TALLY,
  // Counting a ballot file needs no database or configuration.
  needs: 'nothing',
  run: (p) =>
    countFile(p, {
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: process.stderr.isTTY === true,
    }),
};

const verifyBallotCommand: CliCommand = {
  ...VERIFY_BALLOT,
  // A board is checked from itself alone: no database, no configuration.
  needs: 'nothing',
  run: (p) =>
    verifyBallot(p, {
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: process.stderr.isTTY === true,
    }),
};

const trusteeCommand: CliCommand = {
  ...TRUSTEE,
  // A key holder's step works on the board file alone, on their own machine.
  needs: 'nothing',
  run: (p) => trustee(p, { stdout: process.stdout, stderr: process.stderr }),
};

/**
 * `backup FILE` copies the live SQLite database to FILE; `restore FILE` copies FILE into place
 * as SQLITE_FILE, with the server stopped. Both use SQLite's online backup API, so a backup is
 * consistent even while votes are being cast. PostgreSQL has its own tools (README: Backups).
 */
const copyCommand = (verb: 'backup' | 'restore'): CliCommand => ({
  name: verb,
  summary:
    verb === 'backup'
      ? 'Copy the SQLite database to FILE, while the server runs'
      : 'Put a backup in place as SQLITE_FILE (which must not exist yet)',
  synopsis: 'FILE',
  help:
    verb === 'backup'
      ? `Uses SQLite's online backup, so the copy is consistent even while votes are cast. FILE
must not exist. On PostgreSQL, use pg_dump (see the README).`
      : `Stop the server first. FILE must be a SQLite database made by backup; SQLITE_FILE must not
exist yet. On PostgreSQL, use pg_restore (see the README).`,
  options: {},
  positionals: ['FILE'],
  needs: 'config',
  async run({ positionals }, config) {
    const file = positionals[0]!;
    if (config.database.kind !== 'sqlite') {
      console.error(
        verb === 'backup'
          ? 'This server uses PostgreSQL: back it up with pg_dump --format=custom --file FILE "$DATABASE_URL" (see the README).'
          : 'This server uses PostgreSQL: restore with pg_restore --dbname "$DATABASE_URL" --no-owner FILE (see the README).',
      );
      return EXIT.usage;
    }
    const [from, to] =
      verb === 'backup' ? [config.database.file, file] : [file, config.database.file];
    const bar = progressBar(verb === 'backup' ? `Backing up to ${to}` : `Restoring ${from}`);
    const { pages } = await copySqliteDatabase(from, to, (d, t) => bar.update(d, t));
    bar.done();
    console.log(`${verb === 'backup' ? 'Backed up' : 'Restored'} ${pages} pages to ${to}.`);
    return EXIT.ok;
  },
});

const demo: CliCommand = {
  name: 'demo',
  summary: 'Load the fictional demo organisations, people and story',
  synopsis: '',
  help: `Loads Northfield Movement (a coordinating group and three local groups) and Northfield
Party (its NEC), with meetings, motions, a secret ballot and an election already run, and prints
the accounts to sign in with. No mail is sent to the fictional addresses.`,
  options: {},
  positionals: [],
  needs: 'app',
  async run(_p, ctx) {
    const { seedDemo } = await import('../demo/seed-demo.ts');
    const { password, accounts, discardedMail } = await seedDemo(ctx);
    console.log(
      'Loaded the demo: Northfield Movement (National Coordinating Group; Camden Town, Hackney and Islington groups) and Northfield Party (NEC).',
    );
    console.log(`Sign in at ${ctx.baseUrl}/sign-in with any of these, password ${password}:`);
    for (const a of accounts) console.log(`  ${a.email.padEnd(32)} ${a.role}`);
    console.log(
      `The story's ${discardedMail} notices and notifications to these fictional example.org addresses were not sent.`,
    );
    return EXIT.ok;
  },
};

export const COMMANDS: readonly CliCommand[] = [
  serve,
  migrate,
  createAdmin,
  importMembersCommand,
  tally,
  verify,
  verifyBallotCommand,
  trusteeCommand,
  copyCommand('backup'),
  copyCommand('restore'),
  demo,
  federationCommand,
];

/**
 * SQLite's writer thread for casting (issue 21). better-sqlite3 is synchronous: a batch of votes
 * committed on the server's thread holds it for the whole transaction and its flush to disk
 * (`synchronous=FULL`), and no request is read or answered meanwhile. Here a worker thread with
 * a connection of its own to the same file runs each batch (castBatch, the very code the
 * in-thread path runs) in one `BEGIN IMMEDIATE` transaction and reports its outcomes once the
 * commit has returned, that is once it is durable; the server's thread keeps serving HTTP and
 * gathering the next batch meanwhile, and answers the voters only after that report.
 *
 * Nothing changes in what is written: the same checks in the same transaction, the roll's key
 * refusing a second vote, box and receipt rows in shuffled order. A batch takes a write turn of
 * the main connection (database.ts) so that the two connections' transactions never cross. A
 * crash loses only batches not yet reported, whose voters were told nothing.
 */
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openDatabase, sqliteFileOf, type Db } from '../../db/database.ts';
import { DomainError, type ErrorCode, type FieldProblem } from '../../domain/errors.ts';
import { castBatch, type CastOutcome, type CastRequest } from './cast-ballot.ts';

export interface CastWriter {
  /** Casts a batch in the writer thread; resolves once it is durable, one outcome per vote. */
  cast(batch: readonly CastRequest[], now: string): Promise<CastOutcome[]>;
}

/** A refusal as it crosses between threads (an Error loses its class and code on the way). */
type SentOutcome =
  | { readonly receipt: string }
  | {
      readonly refusal: {
        code: ErrorCode;
        message: string;
        problems: readonly FieldProblem[];
        params: unknown;
      };
    }
  | { readonly failure: string };

type Reply = { id: number; outcomes: SentOutcome[] } | { id: number; failed: string };

const writers = new WeakMap<Db, CastWriter | null>();

/** The writer thread of an on-disk SQLite database; null otherwise (cast on this thread). */
export function castWriterFor(db: Db): CastWriter | null {
  if (writers.has(db)) return writers.get(db)!;
  const sqlite = sqliteFileOf(db);
  const writer = sqlite ? startWriter(db, sqlite) : null;
  writers.set(db, writer);
  return writer;
}

function startWriter(db: Db, sqlite: NonNullable<ReturnType<typeof sqliteFileOf>>): CastWriter {
  const waiting = new Map<number, { resolve(r: Reply): void; reject(e: unknown): void }>();
  let nextId = 0;
  /** Settles when the batch in the thread, if any, has been answered. */
  let inFlight: Promise<unknown> = Promise.resolve();
  const worker = new Worker(new URL('./cast-writer-thread.js', import.meta.url), {
    workerData: {
      file: sqlite.file,
      entry: import.meta.url,
      tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)),
    },
  });
  // Idle, the thread keeps nobody alive; with a batch in it, it does (ref'd while waiting).
  worker.unref();
  const failAll = (error: unknown) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    // The next batch starts a new thread.
    writers.delete(db);
  };
  worker.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!waiting.size) worker.unref();
    w?.resolve(reply);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the writer thread stopped (exit code ${code})`)));
  sqlite.closeWith(async () => {
    writers.delete(db);
    // After the batch in the thread, if any, has been answered: a vote committed as the
    // thread stops would otherwise be reported to its voter as not recorded.
    await inFlight;
    await worker.terminate();
  });
  return {
    async cast(batch, now) {
      const leave = await sqlite.takeWriteTurn();
      let reply: Reply;
      try {
        const id = nextId++;
        const replied = new Promise<Reply>((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          worker.ref();
          worker.postMessage({ id, batch, now });
        });
        inFlight = replied.catch(() => {});
        reply = await replied;
      } finally {
        leave();
      }
      if ('failed' in reply) throw new Error(reply.failed);
      return reply.outcomes.map(received);
    },
  };
}

function received(outcome: SentOutcome): CastOutcome {
  if ('receipt' in outcome) return outcome;
  if ('failure' in outcome) return { error: new Error(outcome.failure) };
  const { code, message, problems, params } = outcome.refusal;
  return {
    error: new DomainError(code, message, ...([problems, params] as [FieldProblem[], never])),
  };
}

function sent(outcome: CastOutcome): SentOutcome {
  if ('receipt' in outcome) return outcome;
  const error = outcome.error;
  if (error instanceof DomainError)
    return {
      refusal: {
        code: error.code,
        message: error.message,
        problems: error.problems,
        params: error.params,
      },
    };
  return { failure: String(error) };
}

/** In the writer thread: one connection, one batch at a time, each in one transaction. */
function serveBatches(file: string) {
  const { db } = openDatabase({ kind: 'sqlite', file });
  let queue = Promise.resolve();
  parentPort!.on('message', (job: { id: number; batch: CastRequest[]; now: string }) => {
    queue = queue.then(async () => {
      let reply: Reply;
      try {
        // IMMEDIATE: the write lock first, so the snapshot read is the one written to.
        await sql`begin immediate`.execute(db);
        try {
          const outcomes = await castBatch(db, job.batch, job.now);
          await sql`commit`.execute(db);
          reply = { id: job.id, outcomes: outcomes.map(sent) };
        } catch (error) {
          await sql`rollback`.execute(db).catch(() => {});
          throw error;
        }
      } catch (error) {
        reply = { id: job.id, failed: error instanceof Error ? error.message : String(error) };
      }
      parentPort!.postMessage(reply);
    });
  });
}

if (!isMainThread && (workerData as { entry?: string } | null)?.entry === import.meta.url)
  serveBatches((workerData as { file: string }).file);

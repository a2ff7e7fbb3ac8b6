import { readFileSync } from 'node:fs';
import { verifyAuditChains, type OnProgress } from '../app/common/audit-log.ts';
import { checkSavedHead, parseSavedHead } from '../app/common/chain-head.ts';
import { checkAgainstWitness } from '../app/federation/check-against-witness.ts';
import type { AppContext } from '../app/common/context.ts';
import { EXIT, UsageError } from './command.ts';
import type { CliCommand } from './commands.ts';
import { progressBar } from './progress.ts';

/**
 * `seconded verify [--against HEAD_FILE|PEER ...] [--key PUBLIC_KEY ...]`: recompute the audit
 * chains and check every sealed result; with `--against`, check instead that an organisation's
 * chain still contains a head saved from `/r/<organisation>/chain` (README: "Keeping the audit
 * chain honest"), or every head a peer server witnessed (docs/witnessed-chains.md), which is
 * what catches a chain rewritten by someone holding the database.
 */
export const verify: CliCommand = {
  name: 'verify',
  summary: "Recompute every organisation's audit chain and check every published result",
  synopsis: '[--against HEAD_FILE|PEER ...] [--key PUBLIC_KEY ...]',
  help: `Recomputes each organisation's hash chain of audit entries and checks that every sealed
result (declared votes, ballot results, published resolutions) still matches its seal. Prints
one line per organisation and exits 1 naming the first broken link, 0 when all hold.

Someone holding the database could delete the last entries, or recompute the whole chain after
editing a result, and the chain would still hold together. A head saved before from
/r/<organisation>/chain catches that: the chain must still contain it.

  --against HEAD_FILE  check that organisation's chain against a saved head instead: the head's
                       signature must be this server's, the chain must still have the head's
                       entry with exactly its hash, and the chain must hold together. Repeat for
                       several saved heads.
  --against PEER       a peer server's origin (https://party.example): ask it for the heads of
                       this server's chains it witnessed, check its countersignature of each, and
                       check that each chain still contains the head it witnessed.
  --key PUBLIC_KEY     a public key (64 hex digits) the server signed heads with before its key
                       was rotated; saved heads signed with it are accepted. Repeat for several.`,
  options: {
    against: { type: 'string', multiple: true },
    key: { type: 'string', multiple: true },
  },
  positionals: [],
  needs: 'app',
  async run({ values }, ctx) {
    const heads = (values.against as string[] | undefined) ?? [];
    const keys = (values.key as string[] | undefined) ?? [];
    const badKey = keys.find((k) => !/^[0-9a-fA-F]{64}$/.test(k));
    if (badKey !== undefined)
      throw new UsageError(`--key takes a public key of 64 hex digits; got "${badKey}".`);
    if (keys.length && !heads.length) throw new UsageError('--key goes with --against.');
    const peers = heads.filter((h) => /^https?:\/\//.test(h));
    if (peers.length) {
      if (peers.length !== heads.length || keys.length) {
        throw new UsageError('--against takes either peers (https://...) or head files, not both.');
      }
      return verifyAgainstPeers(ctx, peers);
    }
    return heads.length
      ? verifyAgainst(
          ctx,
          heads,
          keys.map((k) => k.toLowerCase()),
        )
      : verifyAll(ctx);
  },
};

async function verifyAll(ctx: AppContext): Promise<number> {
  const progress = whenLong('Checking the audit chains');
  const reports = await verifyAuditChains(ctx.db, undefined, progress.update);
  progress.done();
  let broken = 0;
  for (const r of reports) {
    if (r.broken) {
      broken += 1;
      console.log(`BROKEN  organisation ${r.organisationId}: ${r.broken.reason}`);
    } else console.log(`ok      organisation ${r.organisationId}: ${r.entries} entries`);
  }
  return broken ? EXIT.broken : EXIT.ok;
}

async function verifyAgainst(
  ctx: AppContext,
  files: readonly string[],
  keys: readonly string[],
): Promise<number> {
  let broken = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return EXIT.noInput;
    }
    const saved = parseSavedHead(text, file);
    const progress = whenLong(`Checking ${saved.organisation} against ${file}`);
    const r = await checkSavedHead(ctx, saved, { keys, onProgress: progress.update });
    progress.done();
    const who = `organisation ${r.organisation} (${r.organisationId})`;
    if (r.broken) {
      broken += 1;
      console.log(`BROKEN  ${who}, head saved at entry ${r.seq}: ${r.broken}`);
    } else {
      console.log(
        `ok      ${who}: the chain still contains the saved head at entry ${r.seq} and holds together (${r.entries} entries)`,
      );
    }
  }
  return broken ? EXIT.broken : EXIT.ok;
}

async function verifyAgainstPeers(ctx: AppContext, peers: readonly string[]): Promise<number> {
  let broken = 0;
  for (const peer of peers) {
    const origin = new URL(peer).origin;
    let reports;
    try {
      reports = await checkAgainstWitness(ctx, origin);
    } catch (error) {
      console.error(`Cannot read what ${origin} witnessed: ${(error as Error).message}`);
      return EXIT.unavailable;
    }
    if (!reports.length) console.log(`none    ${origin} has witnessed no head of this server`);
    for (const r of reports) {
      const who = `organisation ${r.organisation} (${r.organisationId})`;
      if (r.broken) {
        broken += 1;
        console.log(
          `BROKEN  ${who}, head witnessed by ${origin} at entry ${r.seq} (${r.witnessedAt}): ${r.broken}`,
        );
      } else {
        console.log(
          `ok      ${who}: the chain still contains the head ${origin} witnessed at entry ${r.seq} and holds together (${r.entries} entries)`,
        );
      }
    }
  }
  return broken ? EXIT.broken : EXIT.ok;
}

/** A progress bar that shows only for a long chain (a thousand entries or more). */
function whenLong(label: string): { update: OnProgress; done: () => void } {
  let bar: ReturnType<typeof progressBar> | undefined;
  return {
    update: (done, total) => {
      if (total < 1000) return;
      bar ??= progressBar(label);
      bar.update(done, total);
    },
    done: () => bar?.done(),
  };
}

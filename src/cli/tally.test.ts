import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBlt } from '../domain/tally/blt.ts';
import { readBltFile, tallyCommand } from './tally.ts';

const REFERENCE = new URL('../../examples/elections/reference/ballots/', import.meta.url).pathname;
const GLASGOW = new URL('../../examples/elections/glasgow-2007/', import.meta.url).pathname;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(...argv: string[]) {
  return runOn(false, ...argv);
}

async function runOn(isTTY: boolean, ...argv: string[]) {
  const out = sink();
  const err = sink();
  const code = await tallyCommand(argv, { stdout: out.stream, stderr: err.stream, isTTY });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('seconded tally', () => {
  it('prints a count sheet with every stage', async () => {
    const r = await run(join(GLASGOW, 'Govan-2007.blt'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Quota: 1913.00000');
    expect(r.stdout).toMatch(/Allison Hunter \*\s+2694\.00000\s+1913\.00000/);
    expect(r.stdout).toContain(
      'Transfer of the surplus of Allison Hunter (surplus 781.00000, transfer value 0.28990)',
    );
    expect(r.stdout).toMatch(/Elected:\n {2}Allison Hunter \(1913\.00000\)/);
  });

  it('prints JSON with votes as decimal strings at the rule precision', async () => {
    const r = await run(join(REFERENCE, '42.blt'), '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      method: 'scottish-stv',
      seats: 2,
      quota: '3.00000',
      ballots: 6,
      elected: [
        { name: 'Castor', votes: '3.00000' },
        { name: 'Helen', votes: '2.00000' },
      ],
    });
    expect(json.rounds[1]).toMatchObject({ stage: 2, kind: 'surplus', transferValue: '0.25000' });
    expect(json.rounds[1].votes).toEqual({
      Castor: '3.00000',
      Pollux: '1.00000',
      Helen: '2.00000',
    });
  });

  for (const method of [
    'scottish-stv',
    'meek-stv',
    'irv',
    'fptp',
    'block',
    'approval',
    'ers97-stv',
    'schulze',
  ]) {
    it(`counts by ${method}`, async () => {
      const r = await run(
        join(REFERENCE, 'SC.blt'),
        '--method',
        method,
        '--format=json',
        '--seed',
        's1',
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.method).toBe(method);
      expect(json.elected.length).toBeGreaterThan(0);
    });
  }

  it('honours --seats', async () => {
    const r = await run(join(REFERENCE, 'SC.blt'), '--seats', '2', '--format', 'json');
    expect(JSON.parse(r.stdout).elected).toHaveLength(2);
  });

  it('counts by the rule and seed the file names in its notes, unless the command line says otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-'));
    // Two candidates tied 1-1 for one seat: only the lot decides.
    const tied = '2 1\n1 1 0\n1 2 0\n0\n"Ann"\n"Bo"\n"Tie"\n"method: fptp"\n';
    const seeded = async (seed: string) => {
      const file = join(dir, `${seed}.blt`);
      writeFileSync(file, `${tied}"seed: ${seed}"\n`);
      return JSON.parse((await run(file, '--format', 'json')).stdout);
    };
    const a = await seeded('alpha');
    expect(a).toMatchObject({ method: 'fptp', seed: 'alpha' });
    expect(a.ties[0]).toMatchObject({ method: 'lot', among: ['Ann', 'Bo'] });
    for (const seed of ['beta', 'gamma', 'delta', 'epsilon']) {
      const other = await seeded(seed);
      const again = JSON.parse(
        (await run(join(dir, `${seed}.blt`), '--format', 'json', '--seed', 'alpha')).stdout,
      );
      expect(other.seed).toBe(seed);
      expect(again).toMatchObject({ seed: 'alpha', elected: a.elected, ties: a.ties });
    }
    const irv = JSON.parse(
      (await run(join(dir, 'alpha.blt'), '--format', 'json', '--method', 'irv')).stdout,
    );
    expect(irv.method).toBe('irv');

    const unknown = join(dir, 'unknown.blt');
    writeFileSync(unknown, tied.replace('method: fptp', 'method: borda'));
    const refused = await run(unknown);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('names the counting rule "borda"');
  });

  it('rejects a malformed file naming the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-'));
    const file = join(dir, 'bad.blt');
    writeFileSync(file, '3 1\n1 1 2 0\n1 2 4 0\n0\n"A"\n"B"\n"C"\n"t"\n');
    const r = await run(file);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('line 3: no candidate 4 (there are 3)');
  });

  it('refuses equal rankings for a rule that cannot count them', async () => {
    const r = await run(join(REFERENCE, 'meek-eq1.blt'), '--method', 'meek-stv');
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('cannot count equal rankings');
  });

  it('explains its usage, with the exit codes the README lists', async () => {
    const none = await run();
    expect([none.code, none.stderr]).toEqual([64, expect.stringContaining('needs FILE.blt')]);
    const borda = await run('x.blt', '--method', 'borda');
    expect([borda.code, borda.stderr]).toEqual([
      64,
      expect.stringContaining('unknown method "borda"'),
    ]);
    expect((await run('x.blt', '--seats', '0')).code).toBe(64);
    expect((await run('x.blt', '--sets', '2')).stderr).toContain("Unknown option '--sets'");
    expect((await run('a.blt', 'b.blt')).code).toBe(64);
    const missing = await run(join(REFERENCE, 'nope.blt'));
    expect([missing.code, missing.stderr]).toEqual([66, expect.stringContaining('cannot read')]);
    const help = await run(join(REFERENCE, 'nope.blt'), '--help');
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('--method M')]);
  });

  /** A BLT file of `lines` ballot lines over 3 candidates, several megabytes for large counts. */
  function bigFile(lines: number): { file: string; text: string } {
    const rows = ['3 2'];
    for (let i = 0; i < lines; i++) rows.push(`4 ${1 + (i % 3)} ${1 + ((i + 1) % 3)} 0`);
    rows.push('0', '"Ann"', '"Bob"', '"Cy"', '"Big election"');
    const text = rows.join('\n') + '\n';
    const dir = mkdtempSync(join(tmpdir(), 'tally-'));
    const file = join(dir, 'big.blt');
    writeFileSync(file, text);
    return { file, text };
  }

  it('reads a file in chunks to the same profile as reading it whole', async () => {
    const { file, text } = bigFile(200_000); // 2 MB: lines cross the 1 MB chunks
    const progress: number[] = [];
    const profile = await readBltFile(file, (done, size) => progress.push(done / size));
    expect(profile).toEqual(readBlt(text));
    expect(progress.at(-1)).toBe(1);
  });

  it('shows its progress on stderr while it reads a large file', async () => {
    const { file } = bigFile(500_000); // over 4 MB
    const piped = await run(file, '--method', 'irv');
    expect(piped.code).toBe(0);
    expect(piped.stderr).toContain(`Reading ${file}: 100%`);
    expect(piped.stdout).toContain('Valid ballot papers: 2000000');
    const terminal = await runOn(true, file, '--method', 'irv');
    expect(terminal.stderr).toMatch(/\r.*\[#+\] 100% \d+\.\d\/\d+\.\d MB/);
    expect(terminal.stderr).toContain('Counting 2000000 ballot papers by irv');
  });
});

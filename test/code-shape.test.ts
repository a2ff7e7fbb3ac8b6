import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

/**
 * The size limits the code keeps so a newcomer can read any file in one sitting (issue 13):
 * no source file over 500 lines, outside the message catalogues, and no function over 150.
 * Tests and golden data are not held to it.
 */

const ROOT = join(import.meta.dirname, '..');
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 150;
/** One catalogue per language holds every word people read; it grows with the product. */
const CATALOGUES = /^src\/messages\/[a-z]{2}\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__golden__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'bench'))].map(
  (path) => ({ path, name: relative(ROOT, path), text: readFileSync(path, 'utf8') }),
);

/** Every function, method and arrow function longer than the limit, with where it starts. */
function longFunctions(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) {
        found.push(`${name}:${start + 1} (${end - start + 1} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test(`no source file is over ${MAX_FILE_LINES} lines, the message catalogues aside`, () => {
  const long = files
    .filter((f) => !CATALOGUES.test(f.name))
    .map((f) => ({ name: f.name, lines: f.text.split('\n').length - 1 }))
    .filter((f) => f.lines > MAX_FILE_LINES)
    .map((f) => `${f.name} (${f.lines} lines)`);
  expect(long).toEqual([]);
});

test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
  expect(files.flatMap((f) => longFunctions(f.name, f.text))).toEqual([]);
});

/**
 * A progress bar for long CLI work, on stderr so that stdout stays clean for results. On a
 * terminal it redraws one line; elsewhere (CI logs, pipes) it prints a line every 10%.
 */
export interface ProgressOptions {
  /** Whether the stream is a terminal (default: the stream's own isTTY). */
  readonly tty?: boolean;
  /** How `done/total` is written (default: the plain numbers). */
  readonly amounts?: (done: number, total: number) => string;
}

export function progressBar(
  label: string,
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  options: ProgressOptions = {},
) {
  const tty = options.tty ?? stream.isTTY === true;
  const amounts = options.amounts ?? ((done: number, total: number) => `${done}/${total}`);
  let lastDecile = -1;
  let drawn = '';
  const started = Date.now();
  return {
    update(done: number, total: number) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        const line = `${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${amounts(done, total)} ${secs}s`;
        if (line === drawn) return;
        drawn = line;
        stream.write(`\r${line}`);
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${label}: ${Math.round(fraction * 100)}% (${amounts(done, total)})\n`);
        }
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}

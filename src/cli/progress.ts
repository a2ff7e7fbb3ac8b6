/**
 * A progress bar for long CLI work, on stderr so that stdout stays clean for results. On a
 * terminal it redraws one line; elsewhere (CI logs, pipes) it prints a line every 10%.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  let lastDecile = -1;
  const started = Date.now();
  return {
    update(done: number, total: number) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${done}/${total} ${secs}s`,
        );
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${label}: ${Math.round(fraction * 100)}% (${done}/${total})\n`);
        }
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}

/** One figure of `npm run bench`, and with --json one line of its output. */
export interface Figure {
  bench: string;
  value: number;
  unit: string;
  /** What the figure is read against (a rate measured in the same run, or a target). */
  baseline: number | null;
  ratio: number | null;
}

/** Prints each figure as a line of JSON with --json, and otherwise as the sentence given. */
export const figurePrinter = (json: boolean) => (figure: Figure, text: string) =>
  console.log(json ? JSON.stringify(figure) : text);

/** Wall-clock and CPU seconds of `work` (CPU of this thread's process, workers included). */
export async function timed(work: () => Promise<unknown>) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

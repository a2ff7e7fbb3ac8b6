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

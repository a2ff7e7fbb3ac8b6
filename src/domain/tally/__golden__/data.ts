/**
 * The election data in examples/elections, loaded for tests through Vite's
 * import.meta.glob so that src/domain stays free of node:fs. Keys are file names.
 */
const byName = (files: Record<string, string>): Map<string, string> =>
  new Map(
    Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
  );

export const referenceBallots = byName(
  import.meta.glob<string>('../../../../examples/elections/reference/ballots/*.blt', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);

export const referenceResults = byName(
  import.meta.glob<string>('../../../../examples/elections/reference/results/*.txt', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);

export const glasgowBallots = byName(
  import.meta.glob<string>('../../../../examples/elections/glasgow-2007/*.blt', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);

/** Vite's import.meta.glob, which vitest resolves at transform time (tests read fixtures with it). */
interface ImportMeta {
  glob<T = unknown>(
    pattern: string | readonly string[],
    options?: { query?: string; import?: string; eager?: boolean },
  ): Record<string, T>;
}

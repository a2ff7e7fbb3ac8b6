/**
 * What the browser scripts of end-to-end ballots share: reading the setup a page gives them,
 * building plain DOM (text only: nothing a server or a voter wrote is parsed as HTML), and
 * talking JSON to the API. Every sentence comes from the page, in the reader's language.
 */

/** The JSON a page puts in the `data-*` attribute named `name` of the first element that has it. */
export function setupFrom<T>(name: string): { root: HTMLElement; setup: T } | null {
  const root = document.querySelector<HTMLElement>(`[data-${name}]`);
  const raw = root?.getAttribute(`data-${name}`);
  if (!root || !raw) return null;
  return { root, setup: JSON.parse(raw) as T };
}

/** An element with text and children, built without parsing HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** Replaces what a live region says; screen readers announce it. */
export function say(region: HTMLElement, ...children: (Node | string)[]) {
  region.replaceChildren(...children);
}

export class RefusedError extends Error {}

/** POSTs JSON; the server's refusal comes back as an error carrying its message. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new RefusedError(answer.message ?? `HTTP ${response.status}`);
  return answer as T;
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) throw new RefusedError(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** A message for a failure: the server's own words, or the page's sentence for anything else. */
export const messageOf = (error: unknown, fallback: string) =>
  error instanceof RefusedError ? error.message : fallback;

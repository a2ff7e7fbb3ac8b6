import { verifyBoard, type Verdict } from '../verifier/index.ts';
import type { VerifySetup } from './setups.ts';
import { el, getJson, say, setupFrom } from './page.ts';

/**
 * The verifying page: the same checks as `seconded verify-ballot` (src/verifier, which shares
 * nothing with the server but the primitives), run in the reader's browser on the board as the
 * server gives it, or on a copy they saved. It names the first item that fails.
 */

const found = setupFrom<VerifySetup>('verify-board');
if (found) {
  const status = found.root.querySelector<HTMLElement>('[role=status]');
  const file = found.root.querySelector<HTMLInputElement>('input[type=file]');
  const search = found.root.querySelector<HTMLFormElement>('form#find-tracker');
  if (status) run(found.setup, status, file, search);
}

function run(
  setup: VerifySetup,
  status: HTMLElement,
  file: HTMLInputElement | null,
  search: HTMLFormElement | null,
) {
  const { words } = setup;
  for (const note of document.querySelectorAll('[data-without-script]')) note.remove();
  const progress = el('progress', { max: '1', value: '0', 'aria-label': words.checking });

  async function check(board: Promise<unknown>) {
    say(status, el('p', {}, words.checking, ' ', progress));
    let verdict: Verdict;
    try {
      verdict = await verifyBoard(await board, {
        onProgress: (_stage, done, total) => {
          progress.max = total || 1;
          progress.value = done;
        },
      });
    } catch {
      return say(status, el('p', { class: 'error', role: 'alert' }, words.unreadable));
    }
    if (!verdict.ok)
      return say(
        status,
        el(
          'p',
          { class: 'error', role: 'alert' },
          `${words.failed} ${verdict.item}: ${verdict.reason}`,
        ),
      );
    const s = verdict.summary;
    const lines = [
      `${words.passed}`,
      `${words.ballots} ${s.ballots}`,
      ...(s.counts ? s.choices.map((c, k) => `${c}: ${s.counts![k]}`) : []),
      ...(s.outcome ? [`${words.outcome} ${s.outcome}`] : []),
      `${words.head} ${s.head}`,
    ];
    say(status, el('ul', { class: 'notice' }, ...lines.map((l) => el('li', {}, l))));
    offerTrackerSearch(s.trackers);
  }

  /** The voter's check that their vote is in: their tracker among the board's. */
  function offerTrackerSearch(trackers: readonly string[]) {
    if (!search) return;
    const input = search.querySelector('input');
    const answer = search.querySelector<HTMLElement>('[role=status]');
    search.hidden = false;
    search.addEventListener('submit', (event) => {
      event.preventDefault();
      const found = trackers.includes(input?.value.trim() ?? '');
      if (answer) say(answer, found ? words.trackerFound : words.trackerMissing);
    });
  }

  file?.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void check(chosen.text().then((text) => JSON.parse(text) as unknown));
  });
  void check(getJson<unknown>(setup.boardUrl));
}

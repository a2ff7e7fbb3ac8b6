import {
  auditBallot,
  encryptBallot,
  tracker,
  type EncryptedBallot,
  type ScalarHex,
} from '../domain/e2e/index.ts';
import type { VoteSetup } from './setups.ts';
import { el, messageOf, postJson, say } from './page.ts';

/**
 * The voter's device in an end-to-end ballot (docs/e2e-protocol.md section 6): the choice is
 * encrypted and proved here, and only the ciphertexts and proofs leave the browser. Before
 * casting, the voter may challenge the ballot (Benaloh 2006): the randomness is shown, the
 * ballot is opened in front of them, and it is thrown away; the next one is made afresh.
 */

// One section per vote the viewer holds: their own, and one for each proxy (e2e-pages.tsx).
for (const root of document.querySelectorAll<HTMLElement>('[data-e2e-vote]')) {
  const raw = root.getAttribute('data-e2e-vote');
  if (raw) start(root, JSON.parse(raw) as VoteSetup);
}

function start(root: HTMLElement, setup: VoteSetup) {
  const form = root.querySelector('form');
  const status = root.querySelector<HTMLElement>('[role=status]');
  if (form && status) run(root, setup, form, status);
}

function run(root: HTMLElement, setup: VoteSetup, form: HTMLFormElement, status: HTMLElement) {
  for (const note of root.querySelectorAll('[data-without-script]')) note.remove();
  form.hidden = false;
  const { words } = setup;
  const id = (name: string) => `${setup.idPrefix}${name}`;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = form.querySelector<HTMLInputElement>('input[name=choice]:checked');
    if (!picked) return say(status, el('p', { class: 'error' }, words.chooseFirst));
    const choices = setup.labels.map((_, k) => (String(k) === picked.value ? 1 : 0));
    const made = encryptBallot(
      setup.openHash,
      setup.electionKey,
      setup.shape,
      setup.pseudonym,
      choices,
    );
    form.hidden = true;
    review(made.ballot, made.randomness);
  });

  /** Shows the sealed ballot's tracker, to cast it or to check it. */
  function review(ballot: EncryptedBallot, randomness: readonly ScalarHex[]) {
    const cast = el('button', { type: 'button' }, words.cast);
    const check = el('button', { type: 'button', class: 'secondary' }, words.check);
    const panel = el(
      'section',
      { class: 'notice', 'aria-labelledby': id('e2e-review') },
      el('h3', { id: id('e2e-review'), tabindex: '-1' }, words.review),
      el('p', {}, `${words.tracker} `, el('code', { 'data-tracker': '' }, tracker(ballot))),
      el('p', {}, cast, ' ', check),
    );
    say(status, panel);
    panel.querySelector('h3')?.focus();
    cast.addEventListener('click', () => void castIt(ballot, cast, check));
    check.addEventListener('click', () => challenge(ballot, randomness));
  }

  async function castIt(ballot: EncryptedBallot, ...buttons: HTMLButtonElement[]) {
    for (const b of buttons) b.disabled = true;
    try {
      const answer = await postJson<{ tracker?: string; receipt?: string }>(setup.castUrl, {
        ballot,
        ...(setup.onBehalfOf ? { onBehalfOf: setup.onBehalfOf } : {}),
      });
      const code = answer.tracker ?? answer.receipt ?? tracker(ballot);
      say(
        status,
        el(
          'section',
          { class: 'notice', id: id('receipt') },
          el('h3', { tabindex: '-1' }, words.castDone),
          el('p', {}, `${words.tracker} `, el('code', { 'data-tracker': '' }, code)),
          el('p', {}, el('a', { href: setup.boardUrl }, words.findOnBoard)),
        ),
      );
      status.querySelector('h3')?.focus();
    } catch (error) {
      say(status, el('p', { class: 'error', role: 'alert' }, messageOf(error, words.failed)));
      form.hidden = false;
    }
  }

  /** Benaloh's challenge: open this ballot in front of the voter, then make a fresh one. */
  function challenge(ballot: EncryptedBallot, randomness: readonly ScalarHex[]) {
    const opened = auditBallot(setup.electionKey, ballot, randomness);
    const chosen = setup.labels.filter((_, k) => opened[k] === 1).join(', ');
    const audit = JSON.stringify({ ballot, randomness }, null, 1);
    say(
      status,
      el(
        'section',
        { class: 'notice', id: id('challenged') },
        el('h3', { tabindex: '-1' }, `${words.checked} ${chosen}`),
        el('details', {}, el('summary', {}, words.randomness), el('pre', {}, audit)),
      ),
    );
    status.querySelector('h3')?.focus();
    form.hidden = false;
  }
}

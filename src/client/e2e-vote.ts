import {
  auditBallot,
  auditRanking,
  encryptBallot,
  encryptRanking,
  rankingFromPreferences,
  tracker,
  type EncryptedBallot,
  type EncryptedRanking,
  type ScalarHex,
} from '../domain/e2e/index.ts';
import type { VoteSetup } from './setups.ts';
import { el, messageOf, postJson, say } from './page.ts';

/**
 * The voter's device in an end-to-end ballot (docs/e2e-protocol.md section 6): the choice is
 * encrypted and proved here, and only the ciphertexts and proofs leave the browser. Before
 * casting, the voter may challenge the ballot (Benaloh 2006): the randomness is shown, the
 * ballot is opened in front of them, and it is thrown away; the next one is made afresh.
 * A ranked ballot (docs/mixnet-protocol.md sections 1 and 2) goes the same way: only how the
 * form is read, sealed and opened differs (plainSealer, rankedSealer).
 */

type Ballot = EncryptedBallot | EncryptedRanking;

/** How one kind of ballot is read from its form, sealed, and opened when challenged. */
interface Sealer {
  /** The sealed ballot and its randomness, or the words saying what the voter must fix. */
  seal(form: HTMLFormElement): { ballot: Ballot; randomness: ScalarHex[] } | string;
  /** What a challenged ballot said, opened with its randomness. */
  open(ballot: Ballot, randomness: readonly ScalarHex[]): string;
}

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

// Function declarations, not constants: the loop above calls them as the module loads.

/** A for/against/abstain question or a choice: one radio button, sealed as 0s and one 1. */
function plainSealer(setup: VoteSetup): Sealer {
  return {
    seal(form) {
      const picked = form.querySelector<HTMLInputElement>('input[name=choice]:checked');
      if (!picked) return setup.words.chooseFirst;
      const choices = setup.labels.map((_, k) => (String(k) === picked.value ? 1 : 0));
      return encryptBallot(
        setup.openHash,
        setup.electionKey,
        setup.shape,
        setup.pseudonym,
        choices,
      );
    },
    open(ballot, randomness) {
      const opened = auditBallot(setup.electionKey, ballot as EncryptedBallot, randomness);
      return setup.labels.filter((_, k) => opened[k] === 1).join(', ');
    },
  };
}

/** A ranked ballot: a preference number per candidate, sealed one position at a time. */
function rankedSealer(setup: VoteSetup, positions: number): Sealer {
  const shape = { candidates: setup.labels.length, positions };
  return {
    seal(form) {
      const preferences = setup.labels.map(() => null as number | null);
      for (const select of form.querySelectorAll<HTMLSelectElement>('select[data-candidate]'))
        if (select.value)
          preferences[Number(select.getAttribute('data-candidate'))] = Number(select.value);
      const ranking = rankingFromPreferences(preferences);
      if (ranking === null) return setup.words.rankedTwice;
      if (!ranking.length) return setup.words.chooseFirst;
      const { openHash, electionKey, pseudonym } = setup;
      return encryptRanking(openHash, electionKey, shape, pseudonym, ranking);
    },
    open(ballot, randomness) {
      const ranking = auditRanking(
        setup.electionKey,
        shape,
        ballot as EncryptedRanking,
        randomness,
      );
      return ranking.map((c, k) => `${k + 1}. ${setup.labels[c]}`).join(', ');
    },
  };
}

function run(root: HTMLElement, setup: VoteSetup, form: HTMLFormElement, status: HTMLElement) {
  for (const note of root.querySelectorAll('[data-without-script]')) note.remove();
  const { words } = setup;
  const id = (name: string) => `${setup.idPrefix}${name}`;
  const sealer = setup.ranked ? rankedSealer(setup, setup.ranked.positions) : plainSealer(setup);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const made = sealer.seal(form);
    if (typeof made === 'string') return say(status, el('p', { class: 'error' }, made));
    form.hidden = true;
    review(made.ballot, made.randomness);
  });
  form.hidden = false;
  // A ranked form is shown without a script, its button disabled until it can be sealed here.
  for (const button of form.querySelectorAll('button')) button.disabled = false;

  /** Shows the sealed ballot's tracker, to cast it or to check it. */
  function review(ballot: Ballot, randomness: readonly ScalarHex[]) {
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

  async function castIt(ballot: Ballot, ...buttons: HTMLButtonElement[]) {
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
  function challenge(ballot: Ballot, randomness: readonly ScalarHex[]) {
    const chosen = sealer.open(ballot, randomness);
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

import {
  makePolynomial,
  makeTrusteeKey,
  openShares,
  partialDecrypt,
  progressOf,
  type Board,
  type BoardEvent,
  type Ciphertext,
  type TrusteeKeyPayload,
  type TrusteePolynomialPayload,
} from '../domain/e2e/index.ts';
import type { TrusteeSetup } from './setups.ts';
import { el, getJson, messageOf, postJson, say, setupFrom } from './page.ts';

/**
 * A key holder's device in an end-to-end ballot (docs/e2e-protocol.md section 5, steps 2–4 and
 * 9). The secret key is made here and never sent: it stays in this browser's storage and in the
 * key file the holder saves. Everything else the device needs is on the ballot's public board,
 * which it reads again every few seconds while it waits for the other key holders.
 */

const POLL_MS = 3000;
const found = setupFrom<TrusteeSetup>('e2e-trustee');
if (found) start(found.root, found.setup);

function start(root: HTMLElement, setup: TrusteeSetup) {
  const status = root.querySelector<HTMLElement>('[role=status]');
  if (status) run(root, setup, status);
}

function run(root: HTMLElement, setup: TrusteeSetup, status: HTMLElement) {
  for (const note of root.querySelectorAll('[data-without-script]')) note.remove();
  const { words, trustee: me } = setup;
  const storeKey = `seconded-e2e:${setup.ballotId}:${me}`;
  let timer: number | undefined;

  const again = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void step(), POLL_MS);
  };
  const show = (...children: (Node | string)[]) => say(status, el('p', {}, ...children));

  async function step() {
    try {
      await next(await getJson<Board>(setup.boardUrl));
    } catch (error) {
      say(status, el('p', { class: 'error', role: 'alert' }, messageOf(error, words.failed)));
      again();
    }
  }

  async function next(board: Board) {
    const setupEvent = board.events[0]!;
    const { needed } = setupEvent.payload as { needed: number };
    // The protocol's one rule for what comes next (domain/e2e/progress.ts), as the server reads it.
    const { stage, trustees: n, done, dutyOf } = progressOf(board.events);
    const duty = dutyOf(me);
    if (duty === 'trustee-key') return offerToMakeKey(setupEvent.hash);
    const secret = localStorage.getItem(storeKey);
    if (!secret) return askForKeyFile();
    const keys = payloads<TrusteeKeyPayload>(board, 'trustee-key');
    const polynomials = payloads<TrusteePolynomialPayload>(board, 'trustee-polynomial');
    switch (duty) {
      case 'trustee-polynomial':
        await postJson(setup.urls.polynomial, {
          payload: makePolynomial(setupEvent.hash, me, needed, keys),
        });
        return step();
      case 'trustee-verification':
        await postJson(setup.urls.verification, {
          payload: openShares(setupEvent.hash, me, secret, polynomials).payload,
        });
        return step();
      case 'partial-decryption':
        return offerToDecrypt(board, setupEvent.hash, secret, polynomials);
    }
    switch (stage) {
      case 'keys':
        return wait(`${words.waitKeys} (${done.keys}/${n})`);
      case 'polynomials':
        return wait(`${words.waitPolynomials} (${done.polynomials}/${n})`);
      case 'verifications':
        return wait(`${words.waitVerifications} (${done.verifications}/${n})`);
      case 'ready':
        return wait(words.ready);
      case 'open':
        return wait(words.waitClose);
      case 'decrypting':
        return wait(words.decrypted);
      case 'counted':
        return show(words.counted);
    }
  }

  function wait(text: string) {
    show(text);
    again();
  }

  function offerToMakeKey(setupHash: string) {
    const button = el('button', { type: 'button' }, words.makeKey);
    show(button);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const made = makeTrusteeKey(setupHash, me);
      localStorage.setItem(storeKey, made.secret);
      try {
        await postJson(setup.urls.key, { payload: made.payload });
      } catch (error) {
        localStorage.removeItem(storeKey);
        button.disabled = false;
        return say(
          status,
          el('p', { class: 'error', role: 'alert' }, messageOf(error, words.failed)),
        );
      }
      root.append(keyFileLink(setup, made.secret));
      void step();
    });
  }

  function askForKeyFile() {
    const input = el('input', { type: 'file', id: 'key-file', accept: 'application/json' });
    say(status, el('p', {}, el('label', { for: 'key-file' }, words.loadKey), input));
    input.addEventListener('change', async () => {
      const text = await input.files?.[0]?.text();
      const saved = text
        ? (JSON.parse(text) as { ballot?: string; trustee?: number; secret?: string })
        : {};
      if (saved.ballot === setup.ballotId && saved.trustee === me && saved.secret) {
        localStorage.setItem(storeKey, saved.secret);
        void step();
      } else say(status, el('p', { class: 'error', role: 'alert' }, words.failed));
    });
  }

  function offerToDecrypt(
    board: Board,
    setupHash: string,
    secret: string,
    polynomials: readonly TrusteePolynomialPayload[],
  ) {
    const button = el('button', { type: 'button' }, words.decrypt);
    show(button);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const open = board.events.find((e) => e.type === 'open')!;
      const totals = (
        board.events.find((e) => e.type === 'total')!.payload as {
          ciphertexts: Ciphertext[];
        }
      ).ciphertexts;
      const { share } = openShares(setupHash, me, secret, polynomials);
      try {
        await postJson(setup.urls.decryption, {
          payload: partialDecrypt(open.hash, me, share, totals),
        });
        void step();
      } catch (error) {
        button.disabled = false;
        say(status, el('p', { class: 'error', role: 'alert' }, messageOf(error, words.failed)));
      }
    });
  }

  void step();
}

/** The link to save a trustee's new secret key as a file: the server never holds it. */
function keyFileLink(setup: TrusteeSetup, secret: string) {
  const { words, trustee: me } = setup;
  const file = new Blob([JSON.stringify({ ballot: setup.ballotId, trustee: me, secret })], {
    type: 'application/json',
  });
  return el(
    'p',
    {},
    words.keyMade,
    ' ',
    el(
      'a',
      { href: URL.createObjectURL(file), download: `seconded-key-${setup.ballotId}-${me}.json` },
      words.saveKey,
    ),
  );
}

/** The payloads of one type of event, in board order. */
function payloads<T>(board: Board, type: BoardEvent['type']): T[] {
  return board.events.filter((e) => e.type === type).map((e) => e.payload as T);
}

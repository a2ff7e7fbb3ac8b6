import { postInParts } from './post-parts.ts';
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
import { DomainError } from '../domain/errors.ts';
import { Refusal } from '../verifier/group.ts';
import type { MixSetup, TrusteeSetup } from './setups.ts';
import { el, getJson, messageOf, postJson, say, setupFrom } from './page.ts';
import {
  decryptHere,
  decryptionFromFile,
  duration,
  type MixPhase,
  shuffleFromFile,
  shuffleHere,
} from './e2e-mix.ts';

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

/**
 * What every step of a key holder's page shares: the page, its setup, where it speaks, and how
 * to read the board again (now, or after a pause).
 */
interface TrusteePage {
  root: HTMLElement;
  setup: TrusteeSetup;
  status: HTMLElement;
  /** This key holder's number. */
  me: number;
  /** Where this browser keeps the key holder's secret key. */
  storeKey: string;
  /** Reads the board and takes the step it asks for. */
  step: () => Promise<void>;
  /** Reads the board again after a pause. */
  again: () => void;
  /** Says something in the page's status. */
  show: (...children: (Node | string)[]) => void;
}

function run(root: HTMLElement, setup: TrusteeSetup, status: HTMLElement) {
  for (const note of root.querySelectorAll('[data-without-script]')) note.remove();
  let timer: number | undefined;
  const page: TrusteePage = {
    root,
    setup,
    status,
    me: setup.trustee,
    storeKey: `seconded-e2e:${setup.ballotId}:${setup.trustee}`,
    step: async () => {
      try {
        await next(page, await getJson<Board>(setup.boardUrl));
      } catch (error) {
        say(
          status,
          el('p', { class: 'error', role: 'alert' }, messageOf(error, setup.words.failed)),
        );
        page.again();
      }
    },
    again: () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void page.step(), POLL_MS);
    },
    show: (...children) => say(status, el('p', {}, ...children)),
  };
  void page.step();
}

/** Takes the step the board asks of this key holder, or says what it waits for. */
async function next(page: TrusteePage, board: Board) {
  const { setup, me } = page;
  const setupEvent = board.events[0]!;
  const { needed } = setupEvent.payload as { needed: number };
  // The protocol's one rule for what comes next (domain/e2e/progress.ts), as the server reads it.
  const progress = progressOf(board.events);
  const duty = progress.dutyOf(me);
  if (duty === 'trustee-key') return offerToMakeKey(page, setupEvent.hash);
  // A shuffle needs no key: only the election key, which is on the board.
  if (duty === 'shuffle' && setup.mix) return offerToShuffle(page, board, setup.mix);
  // The key is asked for when a step needs it, not while the key holder only waits.
  const secret = localStorage.getItem(page.storeKey) ?? '';
  // A ranked ballot's decryption may come from the command's file, which needs no key here.
  if (duty === 'partial-decryption' && setup.mix && !secret)
    return offerToDecryptMix(page, board, setup.mix, null);
  if (duty && !secret) return askForKeyFile(page);
  const keys = payloads<TrusteeKeyPayload>(board, 'trustee-key');
  const polynomials = payloads<TrusteePolynomialPayload>(board, 'trustee-polynomial');
  switch (duty) {
    case 'trustee-polynomial':
      await postJson(setup.urls.polynomial, {
        payload: makePolynomial(setupEvent.hash, me, needed, keys),
      });
      return page.step();
    case 'trustee-verification':
      await postJson(setup.urls.verification, {
        payload: openShares(setupEvent.hash, me, secret, polynomials).payload,
      });
      return page.step();
    case 'partial-decryption':
      if (setup.mix)
        return offerToDecryptMix(page, board, setup.mix, () =>
          openShares(setupEvent.hash, me, secret, polynomials),
        );
      return offerToDecrypt(page, board, setupEvent.hash, secret, polynomials);
  }
  return waitForOthers(page, progress);
}

/** With nothing for this key holder to do: what the ballot waits for, read again in a while. */
function waitForOthers(page: TrusteePage, progress: ReturnType<typeof progressOf>) {
  const { words, mix } = page.setup;
  const { stage, trustees: n, done } = progress;
  switch (stage) {
    case 'keys':
      return wait(page, `${words.waitKeys} (${done.keys}/${n})`);
    case 'polynomials':
      return wait(page, `${words.waitPolynomials} (${done.polynomials}/${n})`);
    case 'verifications':
      return wait(page, `${words.waitVerifications} (${done.verifications}/${n})`);
    case 'ready':
      return wait(page, words.ready);
    case 'open':
      return wait(page, words.waitClose);
    case 'decrypting':
      if (!mix) return wait(page, words.decrypted);
      return wait(
        page,
        done.shuffles < n
          ? fill(mix.words.waitShuffle, { k: String(done.shuffles + 1) })
          : mix.words.decrypted,
      );
    case 'counted':
      return page.show(words.counted);
  }
}

function wait(page: TrusteePage, text: string) {
  page.show(text);
  page.again();
}

/** Key setup: the secret key made here, kept in this browser and offered as a file to save. */
function offerToMakeKey(page: TrusteePage, setupHash: string) {
  const { setup, status, me, storeKey } = page;
  const { words } = setup;
  const button = el('button', { type: 'button' }, words.makeKey);
  page.show(button);
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
    page.root.append(keyFileLink(setup, made.secret));
    void page.step();
  });
}

function askForKeyFile(page: TrusteePage) {
  say(page.status, keyFileInput(page));
}

/** The key file's picker: the key is kept in this browser's storage, and the step taken again. */
function keyFileInput(page: TrusteePage) {
  const { setup, status, me, storeKey } = page;
  const { words } = setup;
  const input = el('input', { type: 'file', id: 'key-file', accept: 'application/json' });
  input.addEventListener('change', async () => {
    const text = await input.files?.[0]?.text();
    const saved = text
      ? (JSON.parse(text) as { ballot?: string; trustee?: number; secret?: string })
      : {};
    if (saved.ballot === setup.ballotId && saved.trustee === me && saved.secret) {
      localStorage.setItem(storeKey, saved.secret);
      void page.step();
    } else say(status, el('p', { class: 'error', role: 'alert' }, words.failed));
  });
  return el('p', {}, el('label', { for: 'key-file' }, words.loadKey), input);
}

/** The decryption step of a ballot of one or more choices: this key holder's share of the totals. */
function offerToDecrypt(
  page: TrusteePage,
  board: Board,
  setupHash: string,
  secret: string,
  polynomials: readonly TrusteePolynomialPayload[],
) {
  const { setup, status, me } = page;
  const { words } = setup;
  const button = el('button', { type: 'button' }, words.decrypt);
  page.show(button);
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
      void page.step();
    } catch (error) {
      button.disabled = false;
      say(status, el('p', { class: 'error', role: 'alert' }, messageOf(error, words.failed)));
    }
  });
}

/**
 * The ranked ballot's shuffle (docs/mixnet-protocol.md section 4): this browser's, for an
 * election small enough for the page, or the one `seconded trustee shuffle` wrote to a file.
 */
function offerToShuffle(page: TrusteePage, board: Board, mix: MixSetup) {
  const { setup, status, me } = page;
  const cast = board.events.filter((e) => e.type === 'ballot');
  const positions = (cast[0]?.payload as { ballot?: { choices?: unknown[] } } | undefined)?.ballot
    ?.choices?.length;
  const small = cast.length * (positions ?? 1) <= mix.limit;
  const button = el('button', { type: 'button' }, mix.words.shuffle);
  const file = el('input', { type: 'file', id: 'shuffle-file', accept: 'application/json' });
  say(
    status,
    el('p', {}, small ? button : mix.words.tooLarge),
    el('p', {}, el('label', { for: 'shuffle-file' }, mix.words.fromFile), ' ', file),
  );
  button.addEventListener('click', () =>
    work(page, mix, async (progress) => {
      button.disabled = true;
      const payload = await shuffleHere(board, me, progress);
      await postJson(setup.urls.shuffle, { payload });
    }),
  );
  file.addEventListener('change', async () => {
    const payload = shuffleFromFile((await file.files?.[0]?.text()) ?? '', me);
    if (!payload)
      return say(status, el('p', { class: 'error', role: 'alert' }, mix.words.fileRefused));
    // The command's file may be larger than one request: it goes in parts.
    await work(page, mix, (progress) =>
      postInParts(setup.urls.shuffle, 'shuffle', payload, (done, total) =>
        progress('send', done, total),
      ),
    );
  });
}

/**
 * The decryption of every shuffled ballot: here with this key holder's share, for an election
 * small enough for the page (`opened` null when the key is not in this browser: its file is
 * asked for), or the file `seconded trustee decrypt` wrote, posted as it is.
 */
function offerToDecryptMix(
  page: TrusteePage,
  board: Board,
  mix: MixSetup,
  opened: (() => { share: string }) | null,
) {
  const { setup, status, me } = page;
  const last = board.events.filter((e) => (e.type as string) === 'shuffle').at(-1);
  const shuffled = (last?.payload as { ballots?: unknown[][] } | undefined)?.ballots ?? [];
  const small = shuffled.length * (shuffled[0]?.length ?? 1) <= mix.limit;
  const button = el('button', { type: 'button' }, mix.words.decrypt);
  const file = el('input', { type: 'file', id: 'decryption-file', accept: 'application/json' });
  say(
    status,
    !small
      ? el('p', {}, mix.words.decryptTooLarge)
      : opened
        ? el('p', {}, button)
        : keyFileInput(page),
    el('p', {}, el('label', { for: 'decryption-file' }, mix.words.decryptFromFile), ' ', file),
  );
  button.addEventListener('click', () =>
    work(page, mix, async (progress) => {
      button.disabled = true;
      const payload = await decryptHere(board, me, opened!().share, progress);
      await postJson(setup.urls.decryption, { payload });
    }),
  );
  file.addEventListener('change', async () => {
    const payload = decryptionFromFile((await file.files?.[0]?.text()) ?? '', me);
    if (!payload)
      return say(status, el('p', { class: 'error', role: 'alert' }, mix.words.decryptFileRefused));
    await work(page, mix, (progress) =>
      postInParts(setup.urls.decryption, 'decryption', payload, (done, total) =>
        progress('send', done, total),
      ),
    );
  });
}

/**
 * Runs a long step, saying how far it is and for how long it has run, then notes its time on
 * the page for good and reads the board again; a refusal is shown and the step offered again.
 */
async function work(
  page: TrusteePage,
  mix: MixSetup,
  job: (progress: (phase: MixPhase, done: number, total: number) => void) => Promise<unknown>,
) {
  const { status } = page;
  const started = Date.now();
  const bar = el('progress', { max: '1', value: '0', 'aria-label': mix.words.shuffling });
  const line = el('p', {}, mix.words.shuffling);
  say(status, line, bar);
  const label: Record<MixPhase, string> = {
    check: mix.words.check,
    shuffle: mix.words.shuffling,
    prove: mix.words.proving,
    decrypt: mix.words.decrypting,
    send: mix.words.sending,
  };
  try {
    await job((phase, done, total) => {
      const time = duration(Date.now() - started);
      line.textContent = `${label[phase]}: ${fill(mix.words.progress, { done: String(done), total: String(total), time })}`;
      bar.setAttribute('aria-label', label[phase]);
      bar.max = total;
      bar.value = done;
    });
    page.root.append(
      el(
        'p',
        { 'data-mix-done': '' },
        fill(mix.words.sent, { time: duration(Date.now() - started) }),
      ),
    );
    void page.step();
  } catch (error) {
    say(
      status,
      el('p', { class: 'error', role: 'alert' }, workMessage(error, page.setup.words.failed)),
    );
    page.again();
  }
}

/** A sentence with its `{name}` places filled. */
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);

/**
 * The server's refusal, or a refusal of the crypto code run here (an earlier shuffle whose proof
 * does not hold), in their words; anything else (the network) in the page's sentence.
 */
const workMessage = (error: unknown, fallback: string) =>
  error instanceof DomainError || error instanceof Refusal
    ? error.message
    : messageOf(error, fallback);

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

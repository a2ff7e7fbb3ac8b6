import type { MixSetup } from '../../client/setups.ts';
import { t } from '../../messages/messages.ts';
import { Labelled } from '../pages/forms.tsx';
import type { E2eView } from './e2e-pages.tsx';

/**
 * The ranked parts of an end-to-end ballot's page (docs/mixnet-protocol.md): the key holder's
 * shuffle and decryption help, and the voter's ranking form. The rest is e2e-pages.tsx.
 */

/**
 * How many sealed preferences (ballots × positions) the key holder's page shuffles: a few tens of
 * seconds of a browser's time (the command's figures in README "Ranked ballots", about 2 ms of
 * CPU per preference to shuffle and prove, as much again to check each shuffle before). Above it
 * the page offers only the command's file.
 */
export const MIX_PAGE_LIMIT = 10_000;

export const mixSetup = (): MixSetup => ({
  limit: MIX_PAGE_LIMIT,
  words: {
    shuffle: t('e2e.mix.shuffle'),
    waitShuffle: t('e2e.mix.waitShuffle'),
    check: t('e2e.mix.check'),
    shuffling: t('e2e.mix.shuffling'),
    proving: t('e2e.mix.proving'),
    sending: t('e2e.mix.sending'),
    decrypting: t('e2e.mix.decrypting'),
    progress: t('e2e.mix.progress'),
    sent: t('e2e.mix.sent'),
    tooLarge: t('e2e.mix.tooLarge'),
    fromFile: t('e2e.mix.fromFile'),
    fileRefused: t('e2e.mix.fileRefused'),
    decryptTooLarge: t('e2e.mix.decryptTooLarge'),
    decryptFromFile: t('e2e.mix.decryptFromFile'),
    decryptFileRefused: t('e2e.mix.decryptFileRefused'),
    decrypt: t('e2e.mix.decrypt'),
    decrypted: t('e2e.mix.decrypted'),
  },
});

/**
 * Where an end-to-end ballot stands, in one sentence for its page. A closed election waits on
 * its key holders twice (docs/mixnet-protocol.md section 4): each shuffles in turn, by number,
 * then `needed` of them decrypt the last shuffle; the sentence names whose turn it is and how
 * many decryptions are in, so the secretary and the members see where it stands.
 */
export function stageWords(e2e: E2eView): string {
  if (e2e.ranked && e2e.stage === 'decrypting')
    return closedElectionWords({ ...e2e, trustees: e2e.trustees.length });
  return t(`e2e.stage.${e2e.stage}`);
}

/**
 * The sentence of a closed election waiting on its key holders, on its page (stageWords) and in
 * its body's list of ballots: whose turn it is to shuffle, or how many decryptions are in.
 */
export function closedElectionWords(p: {
  shuffles: number;
  decryptions: number;
  needed: number;
  trustees: number;
}): string {
  const n = p.trustees;
  return p.shuffles < n
    ? t('e2e.stage.shuffling', { k: p.shuffles + 1, n })
    : t('e2e.stage.shuffled', { n, done: p.decryptions, needed: p.needed });
}

/**
 * A ranked ballot's key holder (docs/mixnet-protocol.md section 4): what the page does, up to
 * which size, and the commands for a larger election or a browser without JavaScript, whose
 * output the same use cases check (submit-shuffle.ts, submit-partial-decryption.ts) however it
 * arrives.
 */
export function MixHelp({ e2e, positions }: { e2e: E2eView; positions: number }) {
  const k = e2e.me.trustee!;
  const commands = [
    `npx seconded verify-ballot board.json`,
    `npx seconded trustee shuffle board.json board-${k}.json --trustee ${k}`,
    `npx seconded trustee decrypt board.json decryption-${k}.json --trustee ${k} --key seconded-key-${e2e.ballotId}-${k}.json`,
  ].join('\n');
  return (
    <>
      <p>
        {t('e2e.mix.about', {
          ballots: Math.floor(MIX_PAGE_LIMIT / positions),
          preferences: MIX_PAGE_LIMIT,
        })}
      </p>
      <pre class="commands">
        <code>{commands}</code>
      </pre>
      <p class="hint">
        {t('e2e.mix.commandThen', { file: `board-${k}.json`, decryption: `decryption-${k}.json` })}
      </p>
      <p class="notice" data-without-script>
        {t('e2e.mix.withoutScript', {
          url: `/api/v1/ballots/${e2e.ballotId}/verifiable/shuffle`,
          decryptionUrl: `/api/v1/ballots/${e2e.ballotId}/verifiable/decryption`,
        })}
      </p>
    </>
  );
}

/**
 * A ranked ballot's form (docs/mixnet-protocol.md section 1): a preference number for each
 * candidate, as on the plain ranked form (ballot-parts.tsx VoteForm), so that ranking needs no
 * script. Sealing does: without a script the button stays disabled, the selects have no names
 * and the form no action, so a ranking can never leave the device in the clear; the <noscript>
 * says so. The script (src/client/e2e-vote.ts) reads the selects by `data-candidate`.
 */
export function RankingForm(props: {
  candidates: readonly string[];
  positions: number;
  pre: string;
  legend: string;
  seal: string;
}) {
  const numbers = Array.from({ length: props.positions }, (_, p) => p + 1);
  return (
    <>
      <noscript>
        <p class="notice">{t('e2e.vote.rankNeedsScript')}</p>
      </noscript>
      <form data-ranking>
        <fieldset class="field">
          <legend>{props.legend}</legend>
          <p class="hint">{t('e2e.vote.rankHint', { positions: String(props.positions) })}</p>
          {props.candidates.map((name, c) => (
            <Labelled id={`${props.pre}rank-${c}`} label={name}>
              <select id={`${props.pre}rank-${c}`} data-candidate={String(c)}>
                <option value="">{t('ballot.notRanked')}</option>
                {numbers.map((n) => (
                  <option value={String(n)}>{t('ballot.preference', { n })}</option>
                ))}
              </select>
            </Labelled>
          ))}
        </fieldset>
        <button type="submit" disabled>
          {props.seal}
        </button>
      </form>
    </>
  );
}

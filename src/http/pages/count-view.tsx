import type { TallyResult } from '../../domain/tally/types.ts';
import { formatDecimal, localeOr } from '../../domain/language.ts';
import { currentLocale, t, tp } from '../../messages/messages.ts';
import { decisionWords, stageWords } from './count-words.ts';

/**
 * An election count as people read it: a chart of every candidate's votes stage by stage
 * (server-drawn SVG, no client library), then the count sheet as a table, which is also the
 * chart's accessible equivalent.
 */
export function CountView({ count }: { count: TallyResult }) {
  const figure = figures(count);
  return (
    <section aria-labelledby="count-heading">
      <h2 id="count-heading">{t('count.title')}</h2>
      <p>
        {t('count.summary', {
          papers: tp('count.papers', count.ballots),
          seats: tp('count.forSeats', count.seats),
          quota: count.quota === null ? t('count.noQuota') : figure(count.quota),
        })}
      </p>
      <CountChart count={count} figure={figure} />
      {/* A wide sheet scrolls sideways on a phone: focusable, so a keyboard can scroll it. */}
      <div class="table-wrap" tabindex={0} role="region" aria-label={t('count.tableCaption')}>
        <table class="count">
          <caption>{t('count.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('count.candidate')}</th>
              {count.rounds.map((r) => (
                <th scope="col" title={stageWords(count, r)}>
                  {t('count.stage', { n: r.number })}
                  <br />
                  <span class="kind">{stageWords(count, r)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {count.candidates.map((name, c) => (
              <tr>
                <th scope="row">
                  {name}
                  {count.winners.includes(c) ? ` (${t('count.elected')})` : ''}
                </th>
                {count.rounds.map((r) => (
                  <td
                    class={
                      r.status[c] === 'excluded' && r.votes[c] === zero(count) ? 'out' : undefined
                    }
                  >
                    {figure(r.votes[c]!)}
                    {r.elected.some((d) => d.candidate === c) ? ` ${t('count.electedMark')}` : ''}
                    {r.excluded.some((d) => d.candidate === c) ? ` ${t('count.excludedMark')}` : ''}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('count.exhausted')}</th>
              {count.rounds.map((r) => (
                <td>{figure(r.exhausted)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('count.residue')}</th>
              {count.rounds.map((r) => (
                <td>{figure(r.residue)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <h3>{t('count.why')}</h3>
      <ol>
        {count.rounds.map((r) => (
          <li>
            {[
              stageWords(count, r),
              ...[...r.elected, ...r.excluded].map((d) =>
                t('count.decision', {
                  name: count.candidates[d.candidate]!,
                  reason: figure(decisionWords(count, r, d)),
                }),
              ),
            ]
              .map(sentence)
              .join(' ')}
          </li>
        ))}
      </ol>
      <p>{t('count.seed', { seed: count.seed })}</p>
    </section>
  );
}

const zero = (count: TallyResult) => (0).toFixed(count.precision);

/**
 * How the count's figures are shown: as the rule computed them (Scottish STV to five decimal
 * places, rule 48), unless every figure of the count is whole, as in a count of whole ballots
 * with no transfer of a surplus; then "16" reads better than "16.00000".
 */
function figures(count: TallyResult): (text: string) => string {
  const all = [
    count.quota ?? '0',
    ...count.rounds.flatMap((r) => [...r.votes, r.exhausted, r.residue]),
  ];
  const whole = all.every((v) => !/\.\d*[1-9]/.test(v));
  const lang = localeOr(currentLocale());
  // Also in the rule's own sentences ("3.00000 votes reached the quota of 3.00000"), each figure
  // as the reader's language writes it ("16,00000" in French).
  return (text) =>
    text.replace(/-?\d+(?:[.,]\d+)?/g, (figure) =>
      whole
        ? formatDecimal(lang, figure.replace(/[.,]0+$/, ''))
        : formatDecimal(lang, figure.replace(',', '.')),
    );
}

/** A stage's account as sentences: each starts with a capital and ends with a full stop. */
const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

// Colours distinguishable with the common colour-vision deficiencies (Okabe & Ito, 2008), each
// line also with its own dash pattern and a label at its end, so colour is never the only cue.
const COLOURS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#8C6D31',
];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

/** Votes per candidate across stages, with the quota as a dashed line. */
export function CountChart({
  count,
  figure = (text) => text,
}: {
  count: TallyResult;
  figure?: (text: string) => string;
}) {
  const width = 720;
  const height = 320;
  const pad = { left: 56, right: 170, top: 16, bottom: 36 };
  const stages = count.rounds.length;
  const values = count.rounds.flatMap((r) => r.votes.map(Number));
  const quota = count.quota === null ? null : Number(count.quota);
  const top = Math.max(1, ...values, quota ?? 0) * 1.05;
  const x = (i: number) =>
    pad.left + (stages <= 1 ? 0 : (i / (stages - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / top) * (height - pad.top - pad.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
  const labelled = count.candidates.map((name, c) => ({
    name,
    c,
    end: Number(count.rounds[stages - 1]?.votes[c] ?? 0),
  }));
  // Spread end labels so they never overlap.
  const labelY = new Map<number, number>();
  let last = -Infinity;
  for (const l of [...labelled].sort((a, b) => b.end - a.end)) {
    const wanted = Math.max(y(l.end), last + 13);
    labelY.set(l.c, wanted);
    last = wanted;
  }
  // Labels pushed below the axis (candidates excluded with no votes left) get room of their own.
  const svgHeight = Math.max(height, last + 8);
  return (
    <svg
      viewBox={`0 0 ${width} ${svgHeight}`}
      width="100%"
      role="img"
      aria-labelledby="chart-title chart-desc"
      class="chart"
    >
      <title id="chart-title">{t('count.chartTitle')}</title>
      <desc id="chart-desc">{t('count.chartDesc')}</desc>
      {ticks.map((v) => (
        <g>
          <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#ddd" />
          <text x={pad.left - 6} y={y(v) + 4} text-anchor="end" font-size="11">
            {v}
          </text>
        </g>
      ))}
      {count.rounds.map((r, i) => (
        <text x={x(i)} y={height - pad.bottom + 16} text-anchor="middle" font-size="11">
          {r.number}
        </text>
      ))}
      <text
        x={(pad.left + width - pad.right) / 2}
        y={height - 4}
        text-anchor="middle"
        font-size="12"
      >
        {t('count.stageAxis')}
      </text>
      {quota !== null ? (
        <g>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={y(quota)}
            y2={y(quota)}
            stroke="#b00020"
            stroke-dasharray="4 4"
          />
          <text x={pad.left + 4} y={y(quota) - 4} font-size="11" fill="#b00020">
            {t('count.quotaLine', { quota: figure(count.quota ?? '') })}
          </text>
        </g>
      ) : null}
      {labelled.map(({ name, c, end }) => {
        const colour = COLOURS[c % COLOURS.length]!;
        const points = count.rounds
          .map((r, i) => `${x(i).toFixed(1)},${y(Number(r.votes[c])).toFixed(1)}`)
          .join(' ');
        return (
          <g>
            <polyline
              points={points}
              fill="none"
              stroke={colour}
              stroke-width={count.winners.includes(c) ? 3 : 1.5}
              stroke-dasharray={DASHES[c % DASHES.length] || undefined}
            />
            <text
              x={width - pad.right + 6}
              y={(labelY.get(c) ?? y(end)) + 4}
              font-size="11"
              fill={colour}
            >
              {name}
              {count.winners.includes(c) ? ' ✓' : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

import type { CardResultView } from '../../app/conference/close-card-vote.ts';
import { t } from '../../messages/messages.ts';
import { ColumnHeadings } from '../pages/layout.tsx';

/** Parts shared by the conference's pages: the phone, the desk and the hall's screen. */

/** A view of the conference without its list of submissions (the phone, the hall's screen). */
export const NO_SUBMISSIONS = { from: 0, limit: 0 } as const;

const outcomeWords = (o: 'carried' | 'lost') =>
  t(o === 'carried' ? 'conf.outcome.carried' : 'conf.outcome.lost');

/** A declared card vote: the outcome, and the section table with its exact fractions. */
export const SectionTable = ({ result }: { result: CardResultView }) => (
  <>
    <p>
      {t('conf.result', {
        outcome: outcomeWords(result.outcome),
        forPercent: result.forPercent,
        for: result.for,
        againstPercent: result.againstPercent,
        against: result.against,
      })}
    </p>
    {/* Seven columns scroll sideways on a phone: the region takes the keyboard's focus so it
        can be scrolled without a pointer (WCAG 2.1.1; axe scrollable-region-focusable). */}
    <div class="table-wrap" tabindex={0} role="region" aria-label={t('conf.sectionTable')}>
      <table>
        <ColumnHeadings
          headings={[
            t('conf.section'),
            t('conf.share'),
            t('conf.card.for'),
            t('conf.card.against'),
            t('conf.card.abstain'),
            t('conf.normalisedFor'),
            t('conf.normalisedAgainst'),
          ]}
        />
        <tbody>
          {result.sections.map((s) => (
            <tr>
              <td>{s.section}</td>
              <td>{s.share}</td>
              <td>{s.for}</td>
              <td>{s.against}</td>
              <td>{s.abstain}</td>
              <td>{s.normalisedFor}</td>
              <td>{s.normalisedAgainst}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);

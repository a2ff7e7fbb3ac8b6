import type { ConferenceView } from '../../app/conference/view-conference.ts';
import { t } from '../../messages/messages.ts';
import { PostForm } from '../pages/forms.tsx';

/**
 * The desk's part for reference back of the committee's report: the references before
 * conference (declare one carried or lost on a show of hands, or call a card vote on it) and those
 * decided, then the form recording a delegate's motion to refer back rulings (each ruling in or
 * out on the desk's page that nothing has followed from is offered).
 */
export function ReferenceBackDesk({
  v,
  base,
  shown,
}: {
  v: ConferenceView;
  base: string;
  /** The submissions on the desk's page: their rulings are offered. */
  shown: ConferenceView['submissions'];
}) {
  const voted = new Set(v.cardVotes.filter((x) => !x.referenceBackId).map((x) => x.submissionId));
  const referable = shown.filter(
    (s) => (s.status === 'in-order' || s.status === 'out-of-order') && !voted.has(s.id),
  );
  return (
    <section aria-labelledby="refer-heading">
      <h2 id="refer-heading">{t('conf.refer.heading')}</h2>
      {v.referencesBack.map((r) => (
        <div class="reference-back">
          <p>
            {t('conf.refer.item', { titles: r.titles.join('; ') })}
            {r.mover ? ` (${t('conf.projector.mover', { name: r.mover })})` : ''}
          </p>
          <p>{t(`conf.refer.status.${r.status}`)}</p>
          {r.status === 'moved' && r.decidedBy === null ? (
            <>
              <PostForm
                action={`${base}/decisions/${r.id}`}
                fields={{ carried: 'yes' }}
                submit={t('conf.refer.hands.carried')}
                class="inline"
              />{' '}
              <PostForm
                action={`${base}/decisions/${r.id}`}
                fields={{ carried: 'no' }}
                submit={t('conf.refer.hands.lost')}
                class="inline"
              />{' '}
              <PostForm
                action={`${base}/references-back/${r.id}/card-vote`}
                submit={t('conf.refer.cardVote')}
                class="inline"
              />
            </>
          ) : null}
        </div>
      ))}
      {referable.length ? (
        <PostForm action={`${base}/references-back`} hint={t('conf.refer.intro')}>
          <fieldset>
            <legend>{t('conf.refer.parts')}</legend>
            {referable.map((s) => (
              <p>
                <input type="checkbox" name="submissionIds" value={s.id} id={`refer-${s.id}`} />{' '}
                <label for={`refer-${s.id}`}>
                  {s.title} ({t(s.status === 'in-order' ? 'conf.rule.in' : 'conf.rule.out')})
                </label>
              </p>
            ))}
          </fieldset>
          <p>
            <label for="refer-mover">{t('conf.refer.mover')}</label>{' '}
            <select id="refer-mover" name="moverDelegationId">
              <option value="">{t('conf.refer.noMover')}</option>
              {v.delegations.map((d) => (
                <option value={d.id}>{d.name}</option>
              ))}
            </select>
          </p>
          <button type="submit">{t('conf.refer.submit')}</button>
        </PostForm>
      ) : (
        <p>{t('conf.refer.none')}</p>
      )}
    </section>
  );
}

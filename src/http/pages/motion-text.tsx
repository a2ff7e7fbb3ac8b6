import { t } from '../../messages/messages.ts';

/** What the pages show of a motion's or a resolution's text. */
interface ClausedText {
  readonly title: string;
  readonly clauses: readonly { readonly sentence: string }[];
}

/** A motion's full text as it stands at this meeting: title, then each clause as a sentence. */
export const MotionText = ({ text }: { text: ClausedText }) => <ClauseList text={text} titled />;

/** The clauses of a motion or a resolution, each as a sentence, under the title if `titled`. */
export function ClauseList({ text, titled }: { text: ClausedText; titled?: boolean }) {
  return (
    <div class="motion-text">
      {titled ? (
        <p>
          <strong>{text.title}</strong>
        </p>
      ) : null}
      <p>{t('motion.thisMeeting')}</p>
      <ol>
        {text.clauses.map((c) => (
          <li>{c.sentence}</li>
        ))}
      </ol>
    </div>
  );
}

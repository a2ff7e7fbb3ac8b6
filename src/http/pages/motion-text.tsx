import type { PresentedText } from '../../app/meetings/view-meeting.ts';
import { t } from '../../messages/messages.ts';

/** A motion's full text as it stands at this meeting: title, then each clause as a sentence. */
export function MotionText({ text }: { text: PresentedText }) {
  return (
    <div class="motion-text">
      <p>
        <strong>{text.title}</strong>
      </p>
      <p>{t('motion.thisMeeting')}</p>
      <ol>
        {text.clauses.map((c) => (
          <li>{c.sentence}</li>
        ))}
      </ol>
    </div>
  );
}

import { readIn } from '../../mail/texts.ts';
import { raw } from 'hono/html';
import type { ResolutionView } from '../../app/resolutions/view-resolution.ts';
import { currentLocale, t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import { formatInstant } from '../pages/dates.ts';
import { Choice } from '../pages/forms.tsx';
import type { C } from '../pages/kit.tsx';

/**
 * What the pages of resolutions that travel share: the day a thing happened, a resolution's
 * clauses, a communication's history, the choice of a meeting, and printable and PDF answers.
 */

export const day = (iso: string, timeZone = 'UTC') => formatInstant(iso, 'date', timeZone);

/** Who is reading, or nobody: what is published is read without signing in. */
export const actorOrNull = (c: C) => c.get('signedIn')?.actor ?? null;

/** Print styles for the printable pages (served as a file: the CSP allows no inline style). */
export const PRINT_CSS = `
body{font-family:Georgia,"Times New Roman",serif;color:#000;background:#fff;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem;margin:.5rem 0}
.meta{color:#333}
ol li{margin:.3rem 0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #999;padding:.2rem .4rem;vertical-align:top}
a{color:#1d4f91}
pre{white-space:pre-wrap;font-family:inherit}
@media print{.no-print{display:none}body{margin:0;max-width:none}a{color:#000;text-decoration:none}@page{margin:2cm}}
`;

/** A communication's history, oldest first, on the sender's page and in the inbox alike. */
export function History({ steps }: { steps: ResolutionView['deliveries'][number]['history'] }) {
  return (
    <ol>
      {steps.map((h) => (
        <li>
          {t('comm.historyStep', { date: day(h.at), state: t(`state.communication.${h.status}`) })}
          {h.written ? <> — {readIn(currentLocale(), h.written)}</> : null}
        </li>
      ))}
    </ol>
  );
}

/** The meeting of the body to put a motion on the agenda of, or none. */
export const MeetingChoice = (props: {
  meetings: readonly { id: string; title: string; startsAt: string; timeZone: string }[];
  id: string;
  /** A refused form coming back: the meeting chosen in it is chosen again. */
  mistake?: Mistake | undefined;
}) => (
  <Choice
    name="meetingId"
    id={props.id}
    label={t('inbox.meeting')}
    options={[
      ['', t('inbox.noMeeting')],
      ...props.meetings.map((m) => [m.id, `${m.title} (${day(m.startsAt, m.timeZone)})`] as const),
    ]}
    selected={props.mistake?.value('meetingId')}
  />
);

/** A printable document: no navigation, print styles, one main landmark. */
export const printable = (c: C, title: string, body: unknown) =>
  c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · ${t('app.name')}`}</title>
          <link rel="stylesheet" href="/assets/print.css" />
        </head>
        <body>
          <main>{body as never}</main>
        </body>
      </html>
    </>,
  );

export const pdfResponse = (c: C, filename: string, bytes: Uint8Array) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${filename}.pdf"`,
  });

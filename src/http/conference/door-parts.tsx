import type { ConferenceView } from '../../app/conference/view-conference.ts';
import type { CredentialsView } from '../../app/conference/view-credentials.ts';
import { t } from '../../messages/messages.ts';
import { Choice, Field, PostForm } from '../pages/forms.tsx';
import { Table } from '../pages/kit.tsx';

/** The credentials as pages show them: the delegate's on their phone, the door at the desk. */

/**
 * The delegate's credential on their phone: whether the door has them in the session sitting
 * now, and a button that draws them a code to show. Only the code's hash is kept, so it is shown
 * once, in large type (as the meeting's sign-in code is shown) and spelled out for screen readers.
 */
export const CredentialBox = (props: {
  meetingId: string;
  credential: ConferenceView['myCredential'];
  code?: string | undefined;
}) => {
  const { credential, code } = props;
  if (!credential) return <p>{t('conf.credential.none')}</p>;
  const key = credential.state === 'revoked' ? 'revoked' : (credential.attendance ?? 'issued');
  const state = (
    <p>
      {credential.session && credential.state !== 'revoked'
        ? `${t('conf.credential.session', { title: credential.session.title })} `
        : null}
      <span id="credential-state">{t(`conf.credential.${key}`)}</span>
    </p>
  );
  if (credential.state === 'revoked') return state;
  return (
    <div class="sign-in-code" id="credential-code">
      {code ? (
        <>
          <p>{t('conf.credential.how')}</p>
          <p
            class="code"
            aria-label={t('attendance.codeSpelled', { code: code.split('').join(' ') })}
          >
            {code}
          </p>
        </>
      ) : null}
      {state}
      <PostForm
        action={`/conferences/${props.meetingId}/my-code`}
        hint={t('conf.credential.drawHint')}
        submit={t('conf.credential.draw')}
      />
    </div>
  );
};

/** How many delegates the door list shows at once. */
const DOOR_PAGE = 50;

/**
 * The door at the desk: the sessions with their attendance and quorum, and a new one added; a
 * delegate's code typed (or scanned into the box) checks them in to the session chosen, or out
 * if they were in; the delegates named with their credentials, each issued, given a new code
 * (shown here this once) or revoked.
 */
export const Door = (props: {
  base: string;
  credentials: CredentialsView;
  drawn?: { personId: string; code: string } | undefined;
  /** The first delegate of the door list's page (`?door=`). */
  from?: number;
}) => {
  const { base, credentials, drawn } = props;
  // The list a page at a time (1,200 delegates, each with its buttons, were 350 KiB), with the
  // credentials counted: the door works by code, the list is for the exceptions.
  const from = Math.min(props.from ?? 0, Math.max(0, credentials.delegates.length - 1));
  const listed = credentials.delegates.slice(from, from + DOOR_PAGE);
  const count = (state: string | null) =>
    credentials.delegates.filter((d) => d.state === state).length;
  const title = new Map(credentials.sessions.map((s) => [s.id, s.title]));
  const name = credentials.delegates.find((d) => d.personId === drawn?.personId)?.name;
  return (
    <section aria-labelledby="door">
      <h2 id="door">{t('conf.door')}</h2>
      {drawn ? (
        <p class="sign-in-code" role="status">
          {t('conf.door.newCode', { name: name ?? '' })} <span class="code">{drawn.code}</span>
        </p>
      ) : null}
      <Sessions credentials={credentials} base={base} />
      {credentials.sessions.length ? (
        <PostForm action={`${base}/door`} submit={t('conf.door.scan')}>
          <Choice
            name="sessionId"
            label={t('conf.door.session')}
            options={credentials.sessions.map((s) => [s.id, s.title])}
            selected={credentials.currentSessionId}
          />
          <Field name="code" label={t('conf.door.code')} autocomplete="off" required />
        </PostForm>
      ) : (
        <p>{t('conf.door.noSessions')}</p>
      )}
      <PostForm action={`${base}/credentials`} submit={t('conf.door.issueAll')} />
      <p>
        {t('conf.door.counts', {
          issued: count('issued'),
          revoked: count('revoked'),
          none: count(null),
        })}
      </p>
      {credentials.delegates.length > DOOR_PAGE ? (
        <p>
          {t('conf.door.page', {
            from: from + 1,
            to: from + listed.length,
            total: credentials.delegates.length,
          })}
          {from + DOOR_PAGE < credentials.delegates.length ? (
            <>
              {' '}
              <a href={`${base}?door=${from + DOOR_PAGE}#door`}>{t('conf.door.more')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <Table
        headings={[
          t('conf.door.delegate'),
          t('conf.door.delegation'),
          t('conf.door.state'),
          t('conf.door.inSessions'),
          t('conf.door.action'),
        ]}
      >
        {listed.map((d) => (
          <tr>
            <td>{d.name}</td>
            <td>{d.delegation}</td>
            <td>
              {t(
                d.state === 'issued'
                  ? 'conf.credential.valid'
                  : `conf.credential.${d.state ?? 'none'}`,
              )}
            </td>
            <td>{d.inSessions.map((id) => title.get(id)).join(', ')}</td>
            <td>
              {d.state === 'issued' ? (
                <>
                  <PostForm
                    action={`${base}/reissues`}
                    fields={{ personId: d.personId }}
                    submit={t('conf.door.reissue', { name: d.name })}
                  />
                  <PostForm
                    action={`${base}/revocations`}
                    fields={{ personId: d.personId }}
                    submit={t('conf.door.revoke', { name: d.name })}
                  />
                </>
              ) : (
                <PostForm
                  action={`${base}/credentials`}
                  fields={{ personId: d.personId }}
                  submit={t('conf.door.issue', { name: d.name })}
                />
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
};

/** Each session's attendance from the door and whether it is quorate; a session added. */
const Sessions = ({ credentials, base }: { credentials: CredentialsView; base: string }) => (
  <>
    {credentials.sessions.length ? (
      <Table
        headings={[
          t('conf.door.session'),
          t('conf.door.starts'),
          t('conf.door.checkedIn'),
          t('conf.door.quorum'),
        ]}
      >
        {credentials.sessions.map((s) => (
          <tr>
            <td>{s.title}</td>
            <td>{s.startsAt.slice(0, 16).replace('T', ' ')} UTC</td>
            <td>{s.present}</td>
            <td>
              {s.quorum === null
                ? t('conf.door.noQuorum')
                : t(s.quorate ? 'conf.door.quorate' : 'conf.door.notQuorate', { quorum: s.quorum })}
            </td>
          </tr>
        ))}
      </Table>
    ) : null}
    <details>
      <summary>{t('conf.door.addSession')}</summary>
      <PostForm action={`${base}/sessions`} submit={t('conf.door.addSession')}>
        <Field name="title" label={t('conf.door.sessionTitle')} required />
        <Field
          name="startsAt"
          type="datetime-local"
          label={t('conf.door.sessionStarts')}
          required
        />
        <Field name="quorum" type="number" label={t('conf.door.sessionQuorum')} />
      </PostForm>
    </details>
  </>
);

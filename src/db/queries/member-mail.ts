import { sql, type Expression, type RawBuilder } from 'kysely';
import { dialectOf, type Db } from '../database.ts';

/**
 * Mail to many members at once, queued in the outbox by a few INSERT … SELECT statements
 * whatever their number, instead of two or three round trips per member: the close of a
 * 10,000-elector ballot queued one elector at a time held SQLite's one writer long enough for
 * the voters' requests to time out (test/ballots-crash.test.ts).
 *
 * What differs between two readers is done by the database: their name (the text is cut where
 * the name goes and joined again around `people.name`), their language (one statement per
 * language), whether they turned this kind of mail off (`mail_preferences.off`), and their
 * one-click unsubscribe address (RFC 8058), which holds their `mail_preferences.token`; a
 * member who has none yet is given one first, drawn by the database's own strong random source
 * (SQLite `randomblob`, PostgreSQL `gen_random_uuid`, both from the system's CSPRNG).
 */

/** Who is written to. */
export type Recipients =
  /** The electors of a ballot; with `notVoted`, only those the roll does not show as voted. */
  { readonly electorsOf: string; readonly notVoted: boolean };

/** A text cut where the reader's name goes: `pieces.join(name)` is what they read. */
export type Spliced = readonly string[];

/** One email as written in one language, and the readers who get it in that language. */
export interface MailInLanguage {
  /** The `people.locale` values it is for; `null` stands for everyone not named in another. */
  readonly locales: readonly string[] | null;
  readonly subject: Spliced;
  readonly text: Spliced;
}

export interface BulkMail {
  readonly to: Recipients;
  /** The kind a member may turn off (src/domain/accounts/mail-kinds.ts). */
  readonly kind: string;
  readonly at: string;
  readonly languages: readonly MailInLanguage[];
  /** The unsubscribe address cut where the reader's token goes. */
  readonly unsubscribe: Spliced;
}

const text = (value: string): RawBuilder<string> => sql<string>`cast(${value} as text)`;

/** `pieces` joined around `between` (a column), in SQL; `||` works alike on both databases. */
function spliced(pieces: Spliced, between: Expression<string>): RawBuilder<string> {
  const parts: RawBuilder<string>[] = [];
  pieces.forEach((piece, i) => {
    if (i > 0) parts.push(sql<string>`${between}`);
    parts.push(text(piece));
  });
  return sql<string>`(${sql.join(parts, sql` || `)})`;
}

/** A fresh random hex string per row: 256 bits on SQLite, 244 on PostgreSQL (two UUIDv4s). */
const randomToken = (db: Db) =>
  dialectOf(db) === 'postgres'
    ? sql<string>`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`
    : sql<string>`lower(hex(randomblob(32)))`;

const randomId = (db: Db) =>
  dialectOf(db) === 'postgres'
    ? sql<string>`gen_random_uuid()::text`
    : sql<string>`lower(hex(randomblob(16)))`;

function recipients(db: Db, to: Recipients) {
  const q = db
    .selectFrom('ballot_electors')
    .innerJoin('people', 'people.id', 'ballot_electors.person_id')
    .where('ballot_electors.ballot_id', '=', to.electorsOf)
    .where('people.email', '!=', '');
  return to.notVoted
    ? q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('ballot_roll')
              .select('ballot_roll.person_id')
              .whereRef('ballot_roll.ballot_id', '=', 'ballot_electors.ballot_id')
              .whereRef('ballot_roll.person_id', '=', 'ballot_electors.person_id'),
          ),
        ),
      )
    : q;
}

/**
 * Queues `mail` to each of its recipients who has not turned its kind off, in the caller's
 * transaction (so it goes if and only if that commits). Returns how many were queued.
 */
export async function queueBulkMail(db: Db, mail: BulkMail): Promise<number> {
  // Everyone written to needs a token for their unsubscribe address: those who have none get one.
  await db
    .insertInto('mail_preferences')
    .columns(['person_id', 'token', 'off', 'updated_at'])
    .expression(
      recipients(db, mail.to)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('mail_preferences as mp')
                .select('mp.person_id')
                .whereRef('mp.person_id', '=', 'people.id'),
            ),
          ),
        )
        .select([
          'people.id',
          randomToken(db).as('token'),
          text('[]').as('off'),
          text(mail.at).as('updated_at'),
        ]),
    )
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute();
  const named = mail.languages.flatMap((l) => l.locales ?? []);
  let queued = 0;
  for (const language of mail.languages) {
    const { locales } = language;
    const result = await db
      .insertInto('outbox')
      .columns([
        'id',
        'to',
        'subject',
        'text',
        'created_at',
        'next_attempt_at',
        'list_unsubscribe',
        'attempts',
      ])
      .expression(
        recipients(db, mail.to)
          .innerJoin('mail_preferences', 'mail_preferences.person_id', 'people.id')
          // `off` is a JSON array of kinds, each a plain word: its quoted form is found only
          // as an entry of the array.
          .where('mail_preferences.off', 'not like', `%"${mail.kind}"%`)
          .where((eb) =>
            locales
              ? eb('people.locale', 'in', locales)
              : named.length
                ? eb.or([eb('people.locale', 'is', null), eb('people.locale', 'not in', named)])
                : eb.lit(true),
          )
          .select((eb) => [
            randomId(db).as('id'),
            'people.email',
            spliced(language.subject, eb.ref('people.name')).as('subject'),
            spliced(language.text, eb.ref('people.name')).as('text'),
            text(mail.at).as('created_at'),
            text(mail.at).as('next_attempt_at'),
            spliced(mail.unsubscribe, eb.ref('mail_preferences.token')).as('list_unsubscribe'),
            sql<number>`0`.as('attempts'),
          ]),
      )
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}

import type { Migration, MigrationProvider } from 'kysely/migration';
import { migration as m0001 } from './0001-foundation.ts';
import { migration as m0002 } from './0002-ballots.ts';
import { migration as m0003 } from './0003-nominations.ts';
import { migration as m0004 } from './0004-meetings.ts';
import { migration as m0005 } from './0005-question-order.ts';
import { migration as m0006 } from './0006-box-without-foreign-key.ts';
import { migration as m0007 } from './0007-meetings-more.ts';
import { migration as m0008 } from './0008-outbox.ts';
import { migration as m0009 } from './0009-meeting-ballots.ts';
import { migration as m0010 } from './0010-resolutions.ts';
import { migration as m0011 } from './0011-live-room.ts';
import { migration as m0012 } from './0012-access-log.ts';
import { migration as m0013 } from './0013-sign-in-failures.ts';

/**
 * Migrations, in order, written once for both databases: only types both share (text, integer,
 * bigint) and constraints both enforce. Never edit a landed migration; add the next one, in a
 * file of its own named by its id. The ids are what databases record as applied: never rename one.
 */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-ballots': m0002,
  '0003-nominations': m0003,
  '0004-meetings': m0004,
  '0005-question-order': m0005,
  '0006-box-without-foreign-key': m0006,
  '0007-meetings-more': m0007,
  '0008-outbox': m0008,
  '0009-meeting-ballots': m0009,
  '0010-resolutions': m0010,
  '0011-live-room': m0011,
  '0012-access-log': m0012,
  '0013-sign-in-failures': m0013,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-ballots.ts';
import * as m0003 from './0003-nominations.ts';
import * as m0004 from './0004-meetings.ts';
import * as m0005 from './0005-question-order.ts';
import * as m0006 from './0006-box-without-foreign-key.ts';
import * as m0007 from './0007-meetings-more.ts';
import * as m0008 from './0008-outbox.ts';
import * as m0009 from './0009-meeting-ballots.ts';
import * as m0010 from './0010-resolutions.ts';
import * as m0011 from './0011-live-room.ts';
import * as m0012 from './0012-access-log.ts';
import * as m0013 from './0013-sign-in-failures.ts';
import * as m0014 from './0014-api-tokens.ts';
import * as m0015 from './0015-end-to-end-ballots.ts';
import * as m0016 from './0016-server-key.ts';
import * as m0017 from './0017-register.ts';
import * as m0018 from './0018-paper-ballots.ts';
import * as m0019 from './0019-attendance.ts';
import * as m0020 from './0020-ballot-timetable.ts';
import * as m0021 from './0021-projector-links.ts';
import * as m0022 from './0022-identity-providers.ts';
import * as m0023 from './0023-proxies.ts';
import * as m0024 from './0024-conference.ts';
import * as m0025 from './0025-federation.ts';
import * as m0027 from './0027-ballot-motion.ts';
import * as m0029 from './0029-mail-preferences.ts';
import * as m0030 from './0030-conference-sessions.ts';
import * as m0031 from './0031-e2e-running-totals.ts';
import * as m0032 from './0032-member-numbers.ts';
import * as m0033 from './0033-federation-followers.ts';
import * as m0034 from './0034-witnessed-chains.ts';
import * as m0035 from './0035-conference-reference-back.ts';
import * as m0036 from './0036-conference-submission-order.ts';
import * as m0037 from './0037-federated-model-motions.ts';
import * as m0038 from './0038-witness-alert-repeats.ts';
import * as m0039 from './0039-federation-followings.ts';
import * as m0040 from './0040-ballot-uploads.ts';
import * as m0041 from './0041-ballot-board-slices.ts';
import * as m0042 from './0042-ballot-upload-touched.ts';

/**
 * Migrations, in order, written once for both databases: only types both share (text, integer,
 * bigint) and constraints both enforce, each file exporting its `up`. Never change what a landed
 * migration creates (schema.test.ts pins it); add the next one, in a file of its own named by its
 * id. The ids are what databases record as applied: never rename one.
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
  '0014-api-tokens': m0014,
  '0015-end-to-end-ballots': m0015,
  '0016-server-key': m0016,
  '0017-register': m0017,
  '0018-paper-ballots': m0018,
  '0019-attendance': m0019,
  '0020-ballot-timetable': m0020,
  '0021-projector-links': m0021,
  '0022-identity-providers': m0022,
  '0023-proxies': m0023,
  '0024-conference': m0024,
  '0025-federation': m0025,
  '0027-ballot-motion': m0027,
  '0029-mail-preferences': m0029,
  '0030-conference-sessions': m0030,
  '0031-e2e-running-totals': m0031,
  '0032-member-numbers': m0032,
  '0033-federation-followers': m0033,
  '0034-witnessed-chains': m0034,
  '0035-conference-reference-back': m0035,
  '0036-conference-submission-order': m0036,
  '0037-federated-model-motions': m0037,
  '0038-witness-alert-repeats': m0038,
  '0039-federation-followings': m0039,
  '0040-ballot-uploads': m0040,
  '0041-ballot-board-slices': m0041,
  '0042-ballot-upload-touched': m0042,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

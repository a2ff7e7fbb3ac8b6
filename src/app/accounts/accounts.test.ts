import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { flushOutbox, MemoryMailer, testContext } from '../../../test/factories.ts';
import {
  actorFor,
  northfield,
  northfieldWithCamdenRegister,
  PASSWORD,
} from '../../../test/story.ts';
import { LOCALES } from '../../domain/language.ts';
import { acceptInvitation, checkInvitation } from './accept-invitation.ts';
import type { AppContext } from '../common/context.ts';
import { assignRole } from '../organisations/assign-role.ts';
import { chooseLanguage } from './choose-language.ts';
import { exportMyData } from './export-my-data.ts';
import { createFirstAdmin, issueSetupLink } from './first-admin.ts';
import { importMembers } from '../organisations/import-members.ts';
import { inviteMembers } from '../organisations/invite-members.ts';
import { requestPasswordReset, resetPassword } from './reset-password.ts';
import { resolveSession, signOut } from './session.ts';
import { signIn } from './sign-in.ts';
import { listMembers } from '../organisations/list-members.ts';

const secretOf = (link: string) => link.split('/').pop()!;

/** Signs in from one address, by default with the password the story gives everyone. */
const signInAs = (ctx: AppContext, email: string, password = PASSWORD) =>
  signIn(ctx, { email, password, address: '192.0.2.1' });

/**
 * The Northfield story with Camden's register of 38 imported and every member invited by email;
 * `join` accepts the invitation mailed to one of them and returns the new session.
 */
async function camdenInvited(ctx: AppContext, mailer: MemoryMailer) {
  const story = await northfieldWithCamdenRegister(ctx);
  await inviteMembers(ctx, { actor: story.admin, bodyId: story.camdenId });
  await flushOutbox(ctx);
  const join = (email: string, name: string) =>
    acceptInvitation(ctx, {
      secret: secretOf(mailer.linkTo(email)),
      name,
      password: 'a long password',
    });
  return { ...story, join };
}

describeEachDatabase('accounts', (database) => {
  it('creates the first administrator from the one-time setup link, once', async () => {
    const ctx = testContext(database());
    const link = await issueSetupLink(ctx);
    expect(link).toMatch(/^http:\/\/seconded\.test\/setup\/[\w-]{40,}$/);
    const session = await createFirstAdmin(ctx, {
      secret: secretOf(link!),
      name: 'Ada Admin',
      email: 'Ada@Example.org',
      password: 'correct horse battery',
    });
    const signedIn = await resolveSession(ctx, session.token);
    expect(signedIn).toMatchObject({ email: 'ada@example.org', actor: { isSiteAdmin: true } });
    await expect(
      createFirstAdmin(ctx, {
        secret: secretOf(link!),
        name: 'Eve',
        email: 'eve@example.org',
        password: 'correct horse battery',
      }),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await issueSetupLink(ctx)).toBeNull();
  });

  it('refuses a weak password and keeps the setup link usable', async () => {
    const ctx = testContext(database());
    const secret = secretOf((await issueSetupLink(ctx))!);
    await expect(
      createFirstAdmin(ctx, { secret, name: 'Ada', email: 'ada@example.org', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ path: 'password', message: expect.stringContaining('10 characters') }],
    });
    await expect(
      createFirstAdmin(ctx, {
        secret,
        name: 'Ada',
        email: 'ada@example.org',
        password: 'long enough now',
      }),
    ).resolves.toBeTruthy();
  });

  it('signs in with the right password only, and signs out', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    await expect(signInAs(ctx, 'admin@example.org', 'wrong password')).rejects.toMatchObject({
      code: 'BAD_CREDENTIALS',
    });
    await expect(signInAs(ctx, 'nobody@example.org')).rejects.toMatchObject({
      code: 'BAD_CREDENTIALS',
    });
    const session = await signInAs(ctx, ' ADMIN@example.org');
    expect(await resolveSession(ctx, session.token)).not.toBeNull();
    await signOut(ctx, session.token);
    expect(await resolveSession(ctx, session.token)).toBeNull();
  });

  it('ends sessions when they expire', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const session = await signInAs(ctx, 'admin@example.org');
    const later = { ...ctx, now: () => new Date(session.expiresAt.getTime() + 1) };
    expect(await resolveSession(later, session.token)).toBeNull();
  });

  it('resolves sessions asked for at the same moment each to its own person, and unknown or ended ones to nobody', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const { camdenId, join } = await camdenInvited(ctx, mailer);
    const isla = await join('isla.singh0@example.org', 'Isla Singh');
    const farah = await join('farah.young1@example.org', 'Farah Young');
    const ada = await signInAs(ctx, 'admin@example.org');
    const ended = await signInAs(ctx, 'admin@example.org');
    await signOut(ctx, ended.token);

    // Asked together, as requests arriving at once are: they are answered from one query.
    const [a, i, f, iAgain, unknown, signedOut] = await Promise.all([
      resolveSession(ctx, ada.token),
      resolveSession(ctx, isla.token),
      resolveSession(ctx, farah.token),
      resolveSession(ctx, isla.token),
      resolveSession(ctx, 'no-such-session'),
      resolveSession(ctx, ended.token),
    ]);
    expect(a).toMatchObject({ email: 'admin@example.org', actor: { isSiteAdmin: true } });
    expect(i).toMatchObject({ name: 'Isla Singh', actor: { isSiteAdmin: false } });
    expect(i?.actor.memberships).toEqual([
      expect.objectContaining({ bodyId: camdenId, role: 'member' }),
    ]);
    expect(f).toMatchObject({ name: 'Farah Young', email: 'farah.young1@example.org' });
    expect(f?.actor.personId).not.toBe(i?.actor.personId);
    expect(iAgain).toEqual(i);
    expect(unknown).toBeNull();
    expect(signedOut).toBeNull();
  });

  it('invites imported members by email; each link makes an account once', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const { admin, camdenId } = await northfieldWithCamdenRegister(ctx);
    const report = await inviteMembers(ctx, { actor: admin, bodyId: camdenId });
    expect(report).toEqual({ invited: 38 });
    expect(mailer.sent).toHaveLength(0);
    await flushOutbox(ctx);
    expect(mailer.sent).toHaveLength(38);
    const link = mailer.linkTo('isla.singh0@example.org');
    expect(await checkInvitation(ctx, secretOf(link))).toEqual({
      name: 'Isla Singh',
      email: 'isla.singh0@example.org',
    });
    const session = await acceptInvitation(ctx, {
      secret: secretOf(link),
      name: 'Isla Singh',
      password: 'a long password',
    });
    const isla = await resolveSession(ctx, session.token);
    expect(isla?.actor.memberships).toEqual([
      expect.objectContaining({ bodyId: camdenId, role: 'member' }),
    ]);
    await expect(
      acceptInvitation(ctx, { secret: secretOf(link), name: 'x', password: 'a long password' }),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    // Inviting again skips those who have signed up.
    expect((await inviteMembers(ctx, { actor: admin, bodyId: camdenId })).invited).toBe(37);
  });

  it('lets only the secretary or an admin invite', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const { admin, camdenId, join } = await camdenInvited(ctx, mailer);
    const session = await join('farah.young1@example.org', 'Farah Young');
    const farah = (await resolveSession(ctx, session.token))!.actor;
    await expect(inviteMembers(ctx, { actor: farah, bodyId: camdenId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(listMembers(ctx, { actor: farah, bodyId: camdenId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await assignRole(ctx, {
      actor: admin,
      bodyId: camdenId,
      personId: farah.personId,
      role: 'secretary',
      holds: true,
    });
    const secretary = await actorFor(ctx, farah.personId);
    expect(await listMembers(ctx, { actor: secretary, bodyId: camdenId })).toHaveLength(38);
    await assignRole(ctx, {
      actor: admin,
      bodyId: camdenId,
      personId: farah.personId,
      role: 'secretary',
      holds: false,
    });
    await expect(
      listMembers(ctx, { actor: await actorFor(ctx, farah.personId), bodyId: camdenId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('resets a password by an emailed link, signing out every other session', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    await northfield(ctx);
    const old = await signInAs(ctx, 'admin@example.org');
    await requestPasswordReset(ctx, { email: 'admin@example.org' });
    await requestPasswordReset(ctx, { email: 'nobody@example.org' });
    await flushOutbox(ctx);
    expect(mailer.sent.map((m) => m.to)).toEqual(['admin@example.org']);
    const secret = secretOf(mailer.linkTo('admin@example.org'));
    await resetPassword(ctx, { secret, password: 'a brand new password' });
    expect(await resolveSession(ctx, old.token)).toBeNull();
    await expect(signInAs(ctx, 'admin@example.org')).rejects.toMatchObject({
      code: 'BAD_CREDENTIALS',
    });
    await expect(signInAs(ctx, 'admin@example.org', 'a brand new password')).resolves.toBeTruthy();
    await expect(
      resetPassword(ctx, { secret, password: 'yet another password' }),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('writes a reset link in its account’s language, and invitations in the inviter’s', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const { admin, camdenId } = await northfield(ctx);
    await importMembers(ctx, {
      actor: admin,
      bodyId: camdenId,
      csv: 'Name,Email\nIsla Singh,isla@example.org\nBen Mensah,ben@example.org',
      dryRun: false,
    });
    const people = await ctx.db.selectFrom('people').select(['id', 'email']).execute();
    const idOf = (email: string) => people.find((p) => p.email === email)!.id;
    // Invited before the administrator chose a language: English.
    await inviteMembers(ctx, {
      actor: admin,
      bodyId: camdenId,
      personIds: [idOf('ben@example.org')],
    });
    await chooseLanguage(ctx, { actor: admin, locale: 'fr', offered: LOCALES });
    await inviteMembers(ctx, {
      actor: admin,
      bodyId: camdenId,
      personIds: [idOf('isla@example.org')],
    });
    await requestPasswordReset(ctx, { email: 'admin@example.org' });
    await flushOutbox(ctx);
    const to = (email: string) => mailer.sent.find((m) => m.to === email)!;
    expect(to('ben@example.org').subject).toBe('You are invited to Camden Town Group on Seconded');
    expect(to('isla@example.org').subject).toBe(
      'Invitation à rejoindre Camden Town Group sur Seconded',
    );
    expect(to('isla@example.org').text).toContain('Bonjour Isla Singh,');
    expect(to('isla@example.org').text).toContain('expire dans 14 jours');
    expect(to('admin@example.org').subject).toBe('Réinitialisez votre mot de passe Seconded');
    expect(to('admin@example.org').text).toContain('expire dans 60 minutes');
    expect(mailer.linkTo('admin@example.org')).toMatch(/^http:\/\/seconded\.test\/reset\//);
  });

  it('exports everything held about a member, without secrets', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const { join } = await camdenInvited(ctx, mailer);
    const session = await join('isla.singh0@example.org', 'Isla Singh');
    const data = await exportMyData(ctx, { personId: session.personId });
    expect(data.person).toMatchObject({ name: 'Isla Singh', email: 'isla.singh0@example.org' });
    expect(data.memberships).toEqual([
      expect.objectContaining({
        organisation: 'Northfield Movement',
        body: 'Camden Town Group',
        role: 'member',
        memberNumber: 'M100000',
        joinedOn: '2016-05-04',
      }),
    ]);
    expect(data.linksSent).toEqual([
      expect.objectContaining({ purpose: 'invite', usedAt: expect.any(String) }),
    ]);
    expect(JSON.stringify(data)).not.toMatch(/argon2|token_hash|password/);
  });
});

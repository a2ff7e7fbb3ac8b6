import { expect, it } from 'vitest';
import { smallConference } from '../../../test/conference.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { northfield, personWithAccount } from '../../../test/story.ts';
import { scheduleMeeting } from '../meetings/schedule-meeting.ts';
import { issueCredentials } from './issue-credentials.ts';
import { nameDelegates } from './name-delegates.ts';
import { revokeCredential, scanCredential } from './scan-credential.ts';

describeEachDatabase('conference credentials', (database) => {
  it('issues a code per delegate, checks them in and out at the door, and refuses a revoked one', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: story.admin,
      bodyId: story.nationalId,
      title: 'Conference',
      startsAt: '2026-09-27T09:00:00Z',
    });
    const ids = await smallConference(ctx, story.admin, meetingId, story.camdenId);
    const ann = await personWithAccount(ctx, 'ann@example.org');
    await nameDelegates(ctx, {
      actor: story.admin,
      delegationId: ids.delegations,
      makeUp: { delegates: [ann], substitutes: [], leader: ann },
    });
    const [credential] = await issueCredentials(ctx, { actor: story.admin, meetingId });
    const scan = (code: string) => scanCredential(ctx, { actor: story.admin, meetingId, code });
    expect(await scan(credential!.code)).toEqual({ personId: ann, state: 'in', present: 1 });
    expect(await scan(credential!.code)).toMatchObject({ state: 'out', present: 0 });
    await expect(scan('not-a-code')).rejects.toMatchObject({ code: 'SIGN_IN_CODE_UNKNOWN' });
    await revokeCredential(ctx, { actor: story.admin, meetingId, personId: ann });
    await expect(scan(credential!.code)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});

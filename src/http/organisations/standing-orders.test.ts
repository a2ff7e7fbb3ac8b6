import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { api, client, signedIn } from '../../../test/http-client.ts';
import { ISLA, northfieldWithCamdenMembers } from '../../../test/story.ts';
import type { AppContext } from '../../app/common/context.ts';
import { verifyAuditChains } from '../../app/common/audit-log.ts';
import { presetStandingOrders } from '../../domain/organisations/standing-orders.ts';

/** What the audit chain recorded of the one event `action`. */
async function auditedData(ctx: Pick<AppContext, 'db'>, action: string): Promise<unknown> {
  const event = await ctx.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return JSON.parse(event.data);
}

/** A body's standing orders, viewed and changed through the API and the page. */
describeEachDatabase('standing orders', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    return { ctx, ...story, admin, isla, api };
  }

  it('are read by members and changed by the secretary or an administrator, through the API', async () => {
    const { ctx, camdenId, organisation, admin, isla, api } = await setUp();
    const path = `/bodies/${camdenId}/standing-orders`;
    const before = await api(isla)('GET', path);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      preset: 'citrine',
      rules: presetStandingOrders('citrine'),
      canEdit: false,
    });
    expect((await api(admin)('GET', path)).body.canEdit).toBe(true);

    const rules = {
      ...presetStandingOrders('citrine'),
      quorum: { kind: 'fraction', of: 0.25 },
      noticeDays: 14,
      emergencyMeetings: false,
      motionDeadlineDays: 5,
      defaultThreshold: 'two-thirds-of-votes-cast',
      tieRule: 'casting-vote',
      amendmentDepth: 2,
      amendmentOrder: 'ronr',
      secretQuestions: ['elections', 'no-confidence'],
    };
    // A member who is not the secretary cannot change them.
    expect((await api(isla)('PUT', path, rules)).body).toMatchObject({
      ok: false,
      error: 'FORBIDDEN',
    });
    // Rules the schema refuses are refused, field by field.
    const wrong = await api(admin)('PUT', path, { ...rules, quorum: { kind: 'fraction', of: 2 } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('VALIDATION_FAILED');
    const missing = await api(admin)('PUT', path, { ...rules, tieRule: undefined });
    expect(missing.status).toBe(400);

    const changed = await api(admin)('PUT', path, rules);
    expect(changed).toEqual({ status: 200, body: { ok: true, rules } });
    expect((await api(isla)('GET', path)).body.rules).toEqual(rules);
    // The change is in the audit chain, with the rules before and after.
    const [report] = await verifyAuditChains(ctx.db, organisation.organisationId);
    expect(report!.broken).toBeNull();
    expect(await auditedData(ctx, 'body.standingOrdersChanged')).toEqual({
      before: presetStandingOrders('citrine'),
      after: rules,
    });

    // Without a session, nothing.
    expect((await api(client(ctx))('GET', path)).status).toBe(401);
  });

  it('are changed with a form that works without JavaScript, and shown read-only to members', async () => {
    const { camdenId, admin, isla, api } = await setUp();
    const path = `/bodies/${camdenId}/standing-orders`;
    const meetings = await (await admin.request(`/bodies/${camdenId}/meetings`)).text();
    expect(meetings).toContain(`href="${path}"`);
    const form = await (await admin.request(path)).text();
    expect(form).toContain('Save standing orders');
    expect(form).toContain('name="quorumMembers"');

    const fields = {
      quorumKind: 'count',
      quorumMembers: '12',
      quorumPercent: '',
      noticeDays: '10',
      motionDeadlineDays: '3',
      whoMayMove: 'members',
      defaultThreshold: 'simple-majority-of-votes-cast',
      tieRule: 'lost',
      amendmentDepth: '1',
      amendmentOrder: 'citrine',
      'secret.elections': '1',
      'secret.discipline': '1',
      proxiesAllowed: '1',
      proxiesMax: '2',
      'proxyKind.ballots': '1',
      proxiesDeadlineHours: '48',
    };
    const saved = await admin.form(path, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(path);
    expect((await api(admin)('GET', path)).body.rules).toEqual({
      quorum: { kind: 'count', members: 12 },
      noticeDays: 10,
      emergencyMeetings: false,
      motionDeadlineDays: 3,
      whoMayMove: 'members',
      defaultThreshold: 'simple-majority-of-votes-cast',
      tieRule: 'lost',
      amendmentDepth: 1,
      amendmentOrder: 'citrine',
      secretQuestions: ['elections', 'discipline'],
      proxies: {
        allowed: true,
        maxPerHolder: 2,
        kinds: ['ballots'],
        deadlineHours: 48,
        countToQuorum: false,
      },
    });

    // A mistake comes back on the form, with what was typed.
    const refused = await admin.form(path, { ...fields, quorumMembers: '', noticeDays: '400' });
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(again).toContain('These standing orders are not valid.');
    expect(again).toContain('value="400"');

    // A member sees them, without the form; a member's post is refused.
    const readOnly = await (await isla.request(path)).text();
    expect(readOnly).toContain('12 members');
    expect(readOnly).toContain('Elections, Discipline');
    expect(readOnly).not.toContain('Save standing orders');
    expect((await isla.form(path, fields)).status).toBe(403);
  });

  it('are reset to a preset from the page or the API, the reset audited with the rules before', async () => {
    const { ctx, camdenId, organisation, admin, isla, api } = await setUp();
    const path = `/bodies/${camdenId}/standing-orders`;
    const changed = { ...presetStandingOrders('citrine'), noticeDays: 21, tieRule: 'casting-vote' };
    expect((await api(admin)('PUT', path, changed)).status).toBe(200);

    const page = await (await admin.request(path)).text();
    expect(page).toContain('Reset the standing orders');
    expect(await (await isla.request(path)).text()).not.toContain('Reset the standing orders');
    const reset = await admin.form(`${path}/reset`, { preset: 'ronr' });
    expect(reset.status).toBe(303);
    expect((await api(isla)('GET', path)).body).toMatchObject({
      preset: 'ronr',
      rules: presetStandingOrders('ronr'),
    });
    expect(await auditedData(ctx, 'body.standingOrdersReset')).toEqual({
      preset: 'ronr',
      before: changed,
      after: presetStandingOrders('ronr'),
    });

    // Through the API; an unknown preset or a member is refused, and nothing changes.
    const viaApi = await api(admin)('POST', `${path}/reset`, { preset: 'citrine' });
    expect(viaApi).toMatchObject({
      status: 200,
      body: { ok: true, preset: 'citrine', rules: presetStandingOrders('citrine') },
    });
    expect((await api(admin)('POST', `${path}/reset`, { preset: 'bourinot' })).status).toBe(400);
    expect((await admin.form(`${path}/reset`, { preset: 'bourinot' })).status).toBe(400);
    expect((await api(isla)('POST', `${path}/reset`, { preset: 'ronr' })).body.error).toBe(
      'FORBIDDEN',
    );
    expect((await api(isla)('GET', path)).body.preset).toBe('citrine');
    const [report] = await verifyAuditChains(ctx.db, organisation.organisationId);
    expect(report!.broken).toBeNull();
  });
});

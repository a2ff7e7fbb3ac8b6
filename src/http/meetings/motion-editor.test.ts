import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import { ISLA, northfieldWithCamdenMembers } from '../../../test/story.ts';

/**
 * The motion editor is one form for a motion's structured text: its flat fields are read into
 * the shape the JSON API takes and checked by the same schema, and a refusal shows each problem
 * beside the clause field it is about, with the clauses as they were sent.
 */
describeEachDatabase('the motion editor', (database) => {
  it('shows each problem beside the right clause field, with what was typed', async () => {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA]);
    const isla = await signedIn(ctx, 'isla@example.org');
    const drafted = await isla.form(`/bodies/${story.camdenId}/motions`, { title: 'Housing' });
    expect(drafted.status).toBe(303);
    const motionPath = drafted.headers.get('location')!;

    // Words over the limit in the second clause: refused by the schema, shown at clause 2.
    const tooLong = await isla.form(motionPath, {
      title: 'Housing',
      'clauses.0.kind': 'notes',
      'clauses.0.text': 'that rents rose',
      'clauses.1.kind': 'resolves',
      'clauses.1.text': 'x'.repeat(5001),
      op: 'save',
    });
    expect(tooLong.status).toBe(400);
    const refused = await tooLong.text();
    expect(refused).toContain('role="alert"');
    expect(refused).toContain('id="clauses.1.text-error"');
    expect(refused).not.toContain('id="clauses.0.text-error"');
    expect(refused).toContain('that rents rose');

    // A "calls on" clause with no body, submitted after a clause was moved up: the problem is
    // at the clause's new place, beside the field that names the body.
    const noAddressee = await isla.form(motionPath, {
      title: 'Housing',
      'clauses.0.kind': 'notes',
      'clauses.0.text': 'that rents rose',
      'clauses.1.kind': 'calls-on',
      'clauses.1.text': 'to build council homes',
      'clauses.1.bodyName': '',
      op: 'up:1',
    });
    expect(noAddressee.status).toBe(303);
    const submitted = await isla.form(motionPath, {
      title: 'Housing',
      'clauses.0.kind': 'calls-on',
      'clauses.0.text': 'to build council homes',
      'clauses.0.bodyName': '',
      'clauses.1.kind': 'notes',
      'clauses.1.text': 'that rents rose',
      op: 'submit',
    });
    expect(submitted.status).toBe(400);
    expect(await submitted.text()).toContain('id="clauses.0.bodyName-error"');

    // The JSON API takes the same shape, and submits with `submit`.
    const motionId = motionPath.split('/').pop()!;
    const saved = await api(isla)('PUT', `/motions/${motionId}/text`, {
      title: 'Housing',
      clauses: [{ kind: 'resolves', text: 'to campaign for rent control' }],
      submit: true,
    });
    expect(saved.status).toBe(200);
    expect((await api(isla)('GET', `/motions/${motionId}`)).body.status).toBe('submitted');
  });
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext, outcomeOf } from '../../../test/factories.ts';
import { PASSWORD, personWithAccount } from '../../../test/story.ts';
import { PER_ACCOUNT_AND_ADDRESS } from '../../domain/accounts/sign-in-throttle.ts';
import { signIn } from './sign-in.ts';

const chair = 'chair@example.org';

describeEachDatabase('signing in, throttled', (database) => {
  it('holds a sixth wrong password for one account from one address, then lets it through after the delay', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T18:00:00Z');
    await personWithAccount(ctx, chair);
    const from = (address: string, password: string) =>
      outcomeOf(signIn(ctx, { email: chair, password, address }));
    for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS.free; i++) {
      expect(await from('192.0.2.1', `guess ${i}`)).toBe('BAD_CREDENTIALS');
    }
    expect(await from('192.0.2.1', PASSWORD)).toBe('SIGN_IN_DELAYED');
    ctx.setNow('2026-07-01T18:00:01Z');
    expect(await from('192.0.2.1', 'guess 5')).toBe('BAD_CREDENTIALS');
    // Now two seconds from that failure.
    expect(await from('192.0.2.1', PASSWORD)).toBe('SIGN_IN_DELAYED');
    ctx.setNow('2026-07-01T18:00:03Z');
    expect(await from('192.0.2.1', PASSWORD)).toBe('ok');
    // A success starts the count again.
    for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS.free; i++) {
      expect(await from('192.0.2.1', `guess ${i}`)).toBe('BAD_CREDENTIALS');
    }
  });

  it('never keeps the owner out from another address, however many guesses a stranger makes', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T18:00:00Z');
    await personWithAccount(ctx, chair);
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      outcomes.push(
        await outcomeOf(signIn(ctx, { email: chair, password: `x${i}`, address: '203.0.113.66' })),
      );
    }
    expect(outcomes.filter((o) => o === 'SIGN_IN_DELAYED').length).toBeGreaterThan(0);
    expect(
      await outcomeOf(signIn(ctx, { email: chair, password: PASSWORD, address: '198.51.100.4' })),
    ).toBe('ok');
  });

  it('checks only five of twenty guesses fired at once, on every database', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T18:00:00Z');
    await personWithAccount(ctx, chair);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcomeOf(signIn(ctx, { email: chair, password: `guess ${i}`, address: '203.0.113.66' })),
      ),
    );
    expect(outcomes.filter((o) => o === 'BAD_CREDENTIALS')).toHaveLength(
      PER_ACCOUNT_AND_ADDRESS.free,
    );
    expect(outcomes.filter((o) => o === 'SIGN_IN_DELAYED')).toHaveLength(
      20 - PER_ACCOUNT_AND_ADDRESS.free,
    );
  });

  it('counts an unknown email like a known one, so the delay does not tell who has an account', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T18:00:00Z');
    const outcomes = [];
    for (let i = 0; i <= PER_ACCOUNT_AND_ADDRESS.free; i++) {
      outcomes.push(
        await outcomeOf(
          signIn(ctx, { email: 'nobody@example.org', password: 'x', address: '192.0.2.9' }),
        ),
      );
    }
    expect(outcomes.at(-1)).toBe('SIGN_IN_DELAYED');
  });

  it('keeps no email or address in the table of failures', async () => {
    const open = database();
    const ctx = movableContext(open, {}, '2026-07-01T18:00:00Z');
    await outcomeOf(signIn(ctx, { email: chair, password: 'x', address: '192.0.2.77' }));
    const rows = await open.db.selectFrom('sign_in_failures').selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toMatch(/chair|192\.0\.2\.77/);
  });
});

import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client, type Network } from '../../../test/http-client.ts';
import { PASSWORD } from '../../../test/story.ts';
import { hashPassword, newId } from '../../app/common/secrets.ts';
import type { AppContext } from '../../app/common/context.ts';
import { insertAccount, insertPeople } from '../../db/queries/people.ts';
import { forwardedClient, trustedProxies } from '../security.ts';

/** `n` people with accounts, all with the story's password (hashed once: this is about sign-in). */
async function members(ctx: AppContext, n: number): Promise<string[]> {
  const hash = await hashPassword(PASSWORD);
  const at = ctx.now().toISOString();
  const people = Array.from({ length: n }, (_, i) => ({
    id: newId(),
    name: `Member ${i}`,
    email: `member${i}@example.org`,
    created_at: at,
  }));
  await insertPeople(ctx.db, people);
  for (const p of people) {
    await insertAccount(ctx.db, {
      person_id: p.id,
      password_hash: hash,
      is_site_admin: 0,
      created_at: at,
    });
  }
  return people.map((p) => p.email);
}

// The reverse proxy in front (TRUST_PROXY=127.0.0.1), passing on the venue's one public address.
const venue: Network = {
  socket: '127.0.0.1',
  trustProxy: ['127.0.0.1'],
  forwardedFor: '203.0.113.9',
};
const signIn = (who: ReturnType<typeof client>, email: string, password: string) =>
  who.form('/sign-in', { email, password });

describeEachDatabase('sign-in behind a proxy', (database) => {
  it('lets 200 members at a venue sign in from one address, half of them after a typo', async () => {
    const ctx = testContext(database());
    const emails = await members(ctx, 200);
    const refused: string[] = [];
    // Ten at a time, as people arrive at the door.
    for (let i = 0; i < emails.length; i += 10) {
      await Promise.all(
        emails.slice(i, i + 10).map(async (email, j) => {
          const phone = client(ctx, 10, venue);
          if ((i + j) % 2)
            expect((await signIn(phone, email, 'correct horse batery')).status).toBe(401);
          const res = await signIn(phone, email, PASSWORD);
          if (res.status !== 303) refused.push(`${email}: ${res.status}`);
        }),
      );
    }
    expect(refused).toEqual([]);
  }, 120_000);

  it('holds a stranger guessing through the proxy by their own address, not the venue', async () => {
    const ctx = testContext(database());
    const [chair] = await members(ctx, 1);
    const stranger = client(ctx, 10, { ...venue, forwardedFor: '198.51.100.23' });
    const statuses = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await signIn(stranger, chair!, `guess ${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    // The chair, at the venue behind the same proxy, signs in.
    expect((await signIn(client(ctx, 10, venue), chair!, PASSWORD)).status).toBe(303);
  });

  it('believes no X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const ctx = testContext(database());
    const [chair] = await members(ctx, 1);
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      // A new forged address each time, straight to the server: all count as one address.
      const forger = client(ctx, 10, { socket: '198.51.100.23', forwardedFor: `192.0.2.${i}` });
      statuses.push((await signIn(forger, chair!, `guess ${i}`)).status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('the client address behind proxies', () => {
  const proxies = trustedProxies(['127.0.0.1', '10.0.0.0/24', 'fd00::/8']);
  it.each([
    ['a direct client, whatever it claims', '198.51.100.23', '1.2.3.4', '198.51.100.23'],
    ['the hop the trusted proxy added', '127.0.0.1', '6.6.6.6, 203.0.113.9', '203.0.113.9'],
    ['past a chain of trusted proxies', '127.0.0.1', '203.0.113.9, 10.0.0.2', '203.0.113.9'],
    ['the proxy itself when it names no one', '127.0.0.1', undefined, '127.0.0.1'],
    ['the proxy when the hop is not an address', '127.0.0.1', 'unknown', '127.0.0.1'],
    [
      'IPv4 reported as IPv6 by a dual-stack socket',
      '::ffff:127.0.0.1',
      '203.0.113.9',
      '203.0.113.9',
    ],
    ['an IPv6 client', '127.0.0.1', '2001:db8::7', '2001:db8::7'],
    ['behind a proxy in a trusted range', 'fd00::5', '203.0.113.9', '203.0.113.9'],
    ['a client in no trusted range', '10.0.1.1', '203.0.113.9', '10.0.1.1'],
  ])('is %s', (_, socket, header, expected) => {
    expect(forwardedClient(socket, header, proxies)).toBe(expected);
  });
});

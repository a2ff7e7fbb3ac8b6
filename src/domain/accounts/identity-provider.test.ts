import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  MAPPABLE_ROLES,
  checkProviderSettings,
  groupsFromClaim,
  identityFromClaims,
  parseRoleMappings,
  roleMappingLines,
  rolesFromGroups,
  type RoleMapping,
} from './identity-provider.ts';

const byEmail = {
  matchBy: 'email' as const,
  memberNumberClaim: null,
  providerName: 'Northfield ID',
};
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
};

describe('matching the person the provider signed in', () => {
  it('takes an email only when email_verified is exactly true', () => {
    expect(
      identityFromClaims({ email: 'Isla@Example.org', email_verified: true }, byEmail),
    ).toEqual({ by: 'email', email: 'isla@example.org' });
    for (const verified of [false, 'true', 1, undefined, null])
      expect(
        codeOf(() =>
          identityFromClaims({ email: 'isla@example.org', email_verified: verified }, byEmail),
        ),
      ).toBe('EMAIL_NOT_VERIFIED');
    expect(codeOf(() => identityFromClaims({ email_verified: true }, byEmail))).toBe(
      'NO_MEMBER_MATCHED',
    );
  });

  it('takes the member number from the configured claim, and nothing else', () => {
    const byNumber = {
      matchBy: 'claim' as const,
      memberNumberClaim: 'member_number',
      providerName: 'X',
    };
    expect(
      identityFromClaims(
        { member_number: ' NF-1 ', email: 'a@b.org', email_verified: true },
        byNumber,
      ),
    ).toEqual({
      by: 'claim',
      memberNumber: 'NF-1',
    });
    expect(identityFromClaims({ member_number: 42 }, byNumber)).toEqual({
      by: 'claim',
      memberNumber: '42',
    });
    expect(
      codeOf(() => identityFromClaims({ email: 'a@b.org', email_verified: true }, byNumber)),
    ).toBe('NO_MEMBER_MATCHED');
  });
});

describe('groups and roles', () => {
  it('reads a groups claim as a list or one name, without Keycloak’s leading slash', () => {
    expect([...groupsFromClaim(['/branch-secretaries', 'chairs', 3])]).toEqual([
      'branch-secretaries',
      'chairs',
    ]);
    expect([...groupsFromClaim('/a/b')]).toEqual(['a/b']);
    expect([...groupsFromClaim(undefined)]).toEqual([]);
  });

  it('parses mapping lines and writes them back the same', () => {
    const { mappings, wrong } = parseRoleMappings(
      'branch-secretaries = secretary @ camden-town-group\n\n/officers=admin\nx = treasurer\nnonsense',
    );
    expect(mappings).toEqual([
      { group: 'branch-secretaries', role: 'secretary', body: 'camden-town-group' },
      { group: 'officers', role: 'admin', body: null },
    ]);
    expect(wrong).toEqual(['x = treasurer', 'nonsense']);
    expect(parseRoleMappings(roleMappingLines(mappings)).mappings).toEqual(mappings);
  });

  const mapping = fc.record({
    group: fc.constantFrom('a', 'b', 'c'),
    role: fc.constantFrom(...MAPPABLE_ROLES),
    body: fc.constantFrom(null, 'camden', 'hackney'),
  }) as fc.Arbitrary<RoleMapping>;

  it('holds a mapped role exactly when one of its groups is the person’s, and names each role once', () => {
    fc.assert(
      fc.property(
        fc.array(mapping, { maxLength: 8 }),
        fc.subarray(['a', 'b', 'c']),
        (mappings, groups) => {
          const roles = rolesFromGroups(mappings, new Set(groups));
          const keys = roles.map((r) => `${r.body}/${r.role}`);
          expect(new Set(keys).size).toBe(keys.length);
          expect(new Set(keys)).toEqual(new Set(mappings.map((m) => `${m.body}/${m.role}`)));
          for (const r of roles)
            expect(r.holds).toBe(
              mappings.some(
                (m) => m.body === r.body && m.role === r.role && groups.includes(m.group),
              ),
            );
        },
      ),
    );
  });
});

describe('registering a provider', () => {
  const input = {
    name: 'Northfield ID',
    issuer: 'https://id.example.org/realms/northfield/',
    clientId: 'seconded',
    clientSecret: 's3cret',
    matchBy: 'email',
    memberNumberClaim: 'ignored when matching by email',
    groupsClaim: '',
    roleMappings: '',
    passwordSignIn: true,
  };
  const problemsOf = (f: () => unknown) => {
    try {
      f();
      return [];
    } catch (e) {
      return (e as DomainError).problems.map((p) => p.path);
    }
  };

  it('keeps the issuer without its trailing slash and drops a claim it does not use', () => {
    const { settings, clientSecret } = checkProviderSettings(
      { ...input, memberNumberClaim: 'member_number' },
      { allowHttp: false, hasSecret: false },
    );
    expect(settings.issuer).toBe('https://id.example.org/realms/northfield');
    expect(settings.memberNumberClaim).toBeNull();
    expect(clientSecret).toBe('s3cret');
  });

  it('refuses an http issuer unless the server allows it', () => {
    const http = { ...input, issuer: 'http://127.0.0.1:8080/realms/dev' };
    expect(
      problemsOf(() => checkProviderSettings(http, { allowHttp: false, hasSecret: true })),
    ).toEqual(['issuer']);
    expect(
      problemsOf(() => checkProviderSettings(http, { allowHttp: true, hasSecret: true })),
    ).toEqual([]);
  });

  it('asks for a secret only the first time, and for a groups claim when groups are mapped', () => {
    const blank = { ...input, clientSecret: '' };
    expect(
      problemsOf(() => checkProviderSettings(blank, { allowHttp: false, hasSecret: false })),
    ).toEqual(['clientSecret']);
    expect(
      checkProviderSettings(blank, { allowHttp: false, hasSecret: true }).clientSecret,
    ).toBeNull();
    expect(
      problemsOf(() =>
        checkProviderSettings(
          { ...input, roleMappings: 'g = chair' },
          { allowHttp: false, hasSecret: true },
        ),
      ),
    ).toEqual(['groupsClaim']);
  });
});

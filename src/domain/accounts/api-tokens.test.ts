import { describe, expect, it } from 'vitest';
import { allows, scopeNeeded } from './api-tokens.ts';

describe('what an API token may do', () => {
  it.each([
    ['GET', '/api/v1/bodies/b1/inbox', 'read'],
    ['POST', '/api/v1/ballots/b1/votes', 'vote'],
    ['POST', '/api/v1/ballots/b1/close', 'manage'],
    ['PUT', '/api/v1/me/language', 'manage'],
    ['GET', '/api/v1/me/tokens', null],
    ['DELETE', '/api/v1/me/tokens/t1', null],
    ['GET', '/account', null],
    ['POST', '/ballots/b1/vote', null],
  ])('%s %s needs %s', (method, path, needed) => {
    expect(scopeNeeded(method, path)).toBe(needed);
  });

  it('lets any token read, and only its scopes do more', () => {
    expect(allows([], 'read')).toBe(true);
    expect(allows(['vote'], 'vote')).toBe(true);
    expect(allows(['vote'], 'manage')).toBe(false);
    expect(allows(['manage'], 'vote')).toBe(false);
  });
});

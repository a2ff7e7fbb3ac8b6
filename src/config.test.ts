import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', file: 'data/seconded.sqlite' });
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches to PostgreSQL with DATABASE_URL and nothing else', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/seconded' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/seconded',
    });
  });

  it('uses secure cookies behind an https BASE_URL', () => {
    const config = loadConfig({ BASE_URL: 'https://votes.example.org/' });
    expect(config.baseUrl).toBe('https://votes.example.org');
    expect(config.secureCookies).toBe(true);
  });

  it('trusts no proxy unless TRUST_PROXY names them, by address or range', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.1/8/8', 'fd00::/129', '10.0.0.0/x']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('takes the server signing key as 64 hex digits, and refuses anything else', () => {
    expect(loadConfig({}).signingKey).toBeUndefined();
    const key = 'AB'.repeat(32);
    expect(loadConfig({ SERVER_SIGNING_KEY: key }).signingKey).toBe('ab'.repeat(32));
    for (const bad of ['ab'.repeat(31), 'zz'.repeat(32), `${key}00`]) {
      expect(() => loadConfig({ SERVER_SIGNING_KEY: bad }), bad).toThrow(
        /SERVER_SIGNING_KEY: must be an Ed25519 secret key/,
      );
    }
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SMTP_URL: 'http://mail',
        BASE_URL: 'not a url',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'BASE_URL'])
        expect(problems).toContain(name);
    }
  });

  it('refuses http OpenID providers unless OIDC_ALLOW_HTTP says so in development or tests', () => {
    expect(loadConfig({}).oidcAllowHttp).toBe(false);
    expect(loadConfig({ OIDC_ALLOW_HTTP: 'true', NODE_ENV: 'test' }).oidcAllowHttp).toBe(true);
    expect(loadConfig({ OIDC_ALLOW_HTTP: 'true', NODE_ENV: 'development' }).oidcAllowHttp).toBe(
      true,
    );
    expect(() => loadConfig({ OIDC_ALLOW_HTTP: 'true' })).toThrow(/OIDC_ALLOW_HTTP: may be true/);
    expect(() => loadConfig({ OIDC_ALLOW_HTTP: 'yes', NODE_ENV: 'test' })).toThrow(
      /OIDC_ALLOW_HTTP: must be true or false/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });
});

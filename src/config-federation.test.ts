import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig: federation (issue 19)', () => {
  it('leaves federation off unless FEDERATION_ALLOWED_PEERS names a peer', () => {
    expect(loadConfig({}).federation).toBeNull();
    expect(loadConfig({ FEDERATION_ALLOWED_PEERS: ' , ' }).federation).toBeNull();
  });

  it('takes the public origin from BASE_URL and the peers as origins', () => {
    const config = loadConfig({
      BASE_URL: 'https://movement.example/',
      FEDERATION_ALLOWED_PEERS: 'https://party.example, https://union.example/',
    });
    expect(config.federation).toEqual({
      origin: 'https://movement.example',
      allowedPeers: ['https://party.example', 'https://union.example'],
      allowPrivateAddresses: false,
      retryFirstMs: 30_000,
      reconcileMs: 900_000,
      peerRequestsPerMinute: 600,
      openFollows: false,
      witnessMs: 3_600_000,
    });
    expect(Object.isFrozen(config.federation)).toBe(true);
  });

  it('refuses a peer that is not an origin, and peers without a public origin', () => {
    expect(() =>
      loadConfig({ BASE_URL: 'https://a.example', FEDERATION_ALLOWED_PEERS: 'party.example' }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        BASE_URL: 'https://a.example',
        FEDERATION_ALLOWED_PEERS: 'https://party.example/inbox',
      }),
    ).toThrow(/FEDERATION_ALLOWED_PEERS/);
    expect(() => loadConfig({ FEDERATION_ALLOWED_PEERS: 'https://party.example' })).toThrow(
      /BASE_URL/,
    );
  });
});

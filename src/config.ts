import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Seconded's configuration, read once from the environment, validated, and frozen. `main.ts`
 * passes it down; nothing else reads `process.env`. Every problem is listed at once so that a
 * misconfigured server says everything that is wrong in one start.
 */
export interface Config {
  /** TCP port the web server listens on. */
  readonly port: number;
  /** Interface to bind. */
  readonly host: string;
  /** The address people reach Seconded at; used in links sent by email. */
  readonly baseUrl: string;
  /** `sqlite` (embedded, the default) or `postgres`. */
  readonly database:
    | { readonly kind: 'sqlite'; readonly file: string }
    | { readonly kind: 'postgres'; readonly url: string };
  /** SMTP server for outgoing mail; unset keeps mail queued (printed, in development). */
  readonly smtpUrl: string | undefined;
  /** `NODE_ENV=development`: mail without an SMTP server is printed to the console. */
  readonly development: boolean;
  /** The From address of outgoing mail. */
  readonly mailFrom: string;
  /** Whether cookies carry the Secure flag: true when BASE_URL is https. */
  readonly secureCookies: boolean;
  /** Password-reset requests allowed per address and per account in a 15-minute window. */
  readonly signInAttemptsPer15Min: number;
  /** How long before a ballot's closing time those who have not voted are reminded. */
  readonly ballotReminderHours: number;
  /**
   * The server's Ed25519 secret key (32 bytes, hex) that signs published audit-chain heads;
   * unset, a key is made once and kept in the database (src/app/common/server-key.ts).
   */
  readonly signingKey: string | undefined;
  /** The bearer token a Prometheus scraper sends for GET /metrics; unset turns metrics off. */
  readonly metricsToken: string | undefined;
  /**
   * Worker threads that check end-to-end votes' proofs (infra/ballot-check-pool.ts), started with
   * the first vote cast; 0 or unset checks them in the server's own thread.
   */
  readonly ballotCheckThreads?: number;
  /** Addresses of the reverse proxies whose `X-Forwarded-For` names the client. */
  readonly trustProxy: readonly string[];
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** JSON lines for a log collector, or text lines for a person (`npm run dev`). */
  readonly logFormat: 'json' | 'text';
  /**
   * Organisations' OpenID providers may be reached over plain http (OIDC_ALLOW_HTTP=true): for a
   * provider on the developer's own machine or in tests, never by default, and refused outside
   * NODE_ENV=development or test, since a sign-in over http can be read and altered on the way.
   */
  readonly oidcAllowHttp: boolean;
  /**
   * ActivityPub with other Seconded servers (issue 19): the origins allowed (none: federation is
   * off) and this server's public origin (BASE_URL's), which names its bodies as actors.
   */
  readonly federation: {
    readonly origin: string;
    readonly allowedPeers: readonly string[];
    /** Tests only: servers on private or loopback addresses may be reached. */
    readonly allowPrivateAddresses: boolean;
    readonly retryFirstMs: number;
    readonly reconcileMs: number;
    readonly peerRequestsPerMinute: number;
    /** FEDERATION_OPEN_FOLLOWS: any fediverse server (Mastodon...) may follow the bodies. */
    readonly openFollows: boolean;
  } | null;
}

const portSchema = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const envSchema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z.url({ error: 'must be an absolute http(s) URL' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (or leave it unset for SQLite)')
    .optional(),
  SQLITE_FILE: z.string().min(1).default('data/seconded.sqlite'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Seconded <seconded@localhost>'),
  SIGN_IN_ATTEMPTS_PER_15_MIN: z.coerce.number().int().min(1).max(10_000).default(10),
  BALLOT_CHECK_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  BALLOT_REMINDER_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(24),
  TRUST_PROXY: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isAddressOrRange), {
      error:
        'must be a comma-separated list of IP addresses or CIDR ranges (the reverse proxies in front)',
    })
    .default([]),
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (it guards the metrics)')
    .optional(),
  SERVER_SIGNING_KEY: z
    .string()
    .regex(
      /^[0-9a-fA-F]{64}$/,
      'must be an Ed25519 secret key: 32 random bytes as 64 hex digits (see the README)',
    )
    .transform((key) => key.toLowerCase())
    .optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  NODE_ENV: z.string().optional(),
  OIDC_ALLOW_HTTP: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  FEDERATION_ALLOWED_PEERS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((a) => a.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    )
    .refine((list) => list.every(isOrigin), {
      error: 'must be a comma-separated list of origins (https://party.example), without paths',
    })
    .default([]),
  FEDERATION_ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false']).default('false'),
  FEDERATION_OPEN_FOLLOWS: z.enum(['true', 'false']).default('false'),
  FEDERATION_RETRY_FIRST_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  FEDERATION_RECONCILE_MS: z.coerce.number().int().min(100).max(86_400_000).default(900_000),
  FEDERATION_PEER_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  FEDERATION_WITNESS_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
});

/** `https://party.example` or `http://127.0.0.1:3001`: a scheme, a host, a port; nothing else. */
function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry;
  } catch {
    return false;
  }
}

/** `192.0.2.1`, `10.0.0.0/8`, `2001:db8::1` or `fd00::/8`. */
function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 6 ? 128 : 32);
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Seconded cannot start; fix the environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws a `ConfigError` listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // Empty strings count as unset: `PORT= npm start` should mean the default, not an error.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (
    cleaned.OIDC_ALLOW_HTTP === 'true' &&
    cleaned.NODE_ENV !== 'development' &&
    cleaned.NODE_ENV !== 'test'
  ) {
    problems.push(
      'OIDC_ALLOW_HTTP: may be true only with NODE_ENV=development or test (providers must be https)',
    );
  }
  if (
    parsed.success &&
    (parsed.data.FEDERATION_ALLOWED_PEERS.length ||
      parsed.data.FEDERATION_OPEN_FOLLOWS === 'true') &&
    !parsed.data.BASE_URL
  ) {
    problems.push(
      'BASE_URL: must be set to the public origin when FEDERATION_ALLOWED_PEERS or FEDERATION_OPEN_FOLLOWS is (other servers reach its bodies there)',
    );
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const oidcAllowHttp = e.OIDC_ALLOW_HTTP === 'true';
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    database: Object.freeze(
      e.DATABASE_URL
        ? { kind: 'postgres' as const, url: e.DATABASE_URL }
        : { kind: 'sqlite' as const, file: e.SQLITE_FILE },
    ),
    smtpUrl: e.SMTP_URL,
    development: e.NODE_ENV === 'development',
    mailFrom: e.MAIL_FROM,
    secureCookies: baseUrl.startsWith('https://'),
    signInAttemptsPer15Min: e.SIGN_IN_ATTEMPTS_PER_15_MIN,
    ballotReminderHours: e.BALLOT_REMINDER_HOURS,
    trustProxy: Object.freeze(e.TRUST_PROXY),
    metricsToken: e.METRICS_TOKEN,
    ballotCheckThreads: e.BALLOT_CHECK_THREADS,
    signingKey: e.SERVER_SIGNING_KEY,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    oidcAllowHttp,
    federation:
      e.FEDERATION_ALLOWED_PEERS.length || e.FEDERATION_OPEN_FOLLOWS === 'true'
        ? Object.freeze({
            origin: new URL(baseUrl).origin,
            allowedPeers: Object.freeze(e.FEDERATION_ALLOWED_PEERS),
            allowPrivateAddresses: e.FEDERATION_ALLOW_PRIVATE_ADDRESSES === 'true',
            retryFirstMs: e.FEDERATION_RETRY_FIRST_MS,
            reconcileMs: e.FEDERATION_RECONCILE_MS,
            peerRequestsPerMinute: e.FEDERATION_PEER_REQUESTS_PER_MINUTE,
            openFollows: e.FEDERATION_OPEN_FOLLOWS === 'true',
            witnessMs: e.FEDERATION_WITNESS_MS,
          })
        : null,
  });
}

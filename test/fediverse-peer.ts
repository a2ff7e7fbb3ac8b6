import { createFederation, generateCryptoKeyPair, MemoryKvStore } from '@fedify/fedify';
import { Activity, Follow, Group, isActor, Person, Undo } from '@fedify/vocab';
import { serve, type ServerType } from '@hono/node-server';

/**
 * A small fediverse server on 127.0.0.1 for tests (issue 19), built with Fedify as Mastodon
 * behaves on the wire: `alice` is a person's account (a Person) that can follow a body and
 * records every activity its inbox takes, signature checked; `nec` is a Group (a body found by
 * the motion editor's look-up). It fetches from private addresses, as only a test may.
 */
export interface FediversePeer {
  readonly origin: string;
  readonly actorUrl: (name: string) => string;
  /** Every activity alice's inbox took (signed by its sender's key), in order. */
  readonly received: Activity[];
  /** Alice follows (or with `undo`, stops following) the actor at `target`. */
  follow(target: string, opts?: { undo?: boolean }): Promise<string>;
  /** `name` (alice or nec) sends the activity `make` builds from its actor's id to `target`. */
  sendAs(name: string, target: string, make: (actor: URL) => Activity): Promise<void>;
  close(): Promise<void>;
}

export async function startFediversePeer(): Promise<FediversePeer> {
  const received: Activity[] = [];
  const keys = new Map<string, Awaited<ReturnType<typeof generateCryptoKeyPair>>>();
  const keyOf = async (id: string) => {
    if (!keys.has(id)) keys.set(id, await generateCryptoKeyPair('RSASSA-PKCS1-v1_5'));
    return keys.get(id)!;
  };
  const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
  federation
    .setActorDispatcher('/users/{identifier}', async (fctx, identifier) => {
      if (identifier !== 'alice' && identifier !== 'nec') return null;
      const key = (await fctx.getActorKeyPairs(identifier))[0]?.cryptographicKey ?? null;
      const common = {
        id: fctx.getActorUri(identifier),
        preferredUsername: identifier,
        inbox: fctx.getInboxUri(identifier),
        publicKey: key,
      };
      return identifier === 'nec'
        ? new Group({ ...common, name: 'National Executive Committee' })
        : new Person({ ...common, name: 'Alice' });
    })
    .setKeyPairsDispatcher(async (_fctx, identifier) => [await keyOf(identifier)]);
  federation
    .setInboxListeners('/users/{identifier}/inbox')
    .on(Activity, (_ictx, activity) => void received.push(activity));

  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve(
      {
        fetch: (request) => federation.fetch(request, { contextData: undefined }),
        port: 0,
        hostname: '127.0.0.1',
      },
      (info) => resolve(info.port),
    );
  });
  const origin = `http://127.0.0.1:${port}`;
  const fctx = () => federation.createContext(new URL(origin), undefined);
  const follows = new Map<string, Follow>();
  return {
    origin,
    actorUrl: (name) => `${origin}/users/${name}`,
    received,
    async follow(target, opts = {}) {
      const ctx = fctx();
      const actor = await ctx.lookupObject(target);
      if (!isActor(actor) || !actor.id) throw new Error(`no actor at ${target}`);
      const alice = ctx.getActorUri('alice');
      let follow = follows.get(target);
      if (!follow) {
        follow = new Follow({
          id: new URL(`${origin}/follows/${follows.size + 1}`),
          actor: alice,
          object: actor.id,
        });
        follows.set(target, follow);
      }
      const activity = opts.undo
        ? new Undo({ id: new URL(`${follow.id!.href}/undo`), actor: alice, object: follow })
        : follow;
      await ctx.sendActivity({ identifier: 'alice' }, actor, activity, { immediate: true });
      return follow.id!.href;
    },
    async sendAs(name, target, make) {
      const ctx = fctx();
      const actor = await ctx.lookupObject(target);
      if (!isActor(actor) || !actor.id) throw new Error(`no actor at ${target}`);
      const activity = make(ctx.getActorUri(name));
      await ctx.sendActivity({ identifier: name }, actor, activity, { immediate: true });
    },
    close: () =>
      new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}

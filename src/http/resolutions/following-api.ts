import { z } from '@hono/zod-openapi';
import {
  followElsewhere,
  unfollowElsewhere,
  viewFollowings,
} from '../../app/federation/follow-elsewhere.ts';
import { actionRoute, type Api, json, okWith, viewRoute } from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { FollowElsewhere, UnfollowElsewhere } from './schema.ts';
import { Followings } from './views.ts';

/**
 * The JSON twin of following-pages.tsx: the bodies on other servers a body follows, following
 * one by handle or URL (a `Follow` sent), and unfollowing one (an `Undo` of it).
 */
export function followingApi(api: Api, { ctx, federation }: HttpOptions) {
  viewRoute(api, {
    path: '/bodies/{id}/following',
    summary:
      'The bodies on other servers this body follows, so their model motions reach it, each pending, accepted or refused by the body followed; secretary or admin',
    description: 'Followings',
    schema: Followings,
    view: (actor, bodyId) => viewFollowings(ctx, { actor, bodyId }),
  });
  const Following = okWith({
    actorId: z.string(),
    address: z.string(),
    name: z.string(),
    server: z.string(),
    state: z.enum(['pending', 'accepted', 'refused']),
    since: z.string(),
  });
  actionRoute(api, {
    path: '/bodies/{id}/following',
    summary:
      'Follow a body on another server by its handle (@nec@party.example) or URL: looked up (allowed peers only, no private address), a Follow sent to it; following it again sends nothing more; secretary or admin',
    action: FollowElsewhere,
    answer: json(Following, 'Following'),
    status: 201,
    run: (actor, bodyId, { address }) =>
      followElsewhere(ctx, { actor, bodyId, address, find: federation?.findActor ?? null }),
  });
  actionRoute(api, {
    path: '/bodies/{id}/unfollowing',
    summary:
      'Stop following a body on another server (an Undo of the Follow is sent); secretary or admin',
    action: UnfollowElsewhere,
    answer: json(okWith({}), 'Unfollowed'),
    run: (actor, bodyId, { actorId }) => unfollowElsewhere(ctx, { actor, bodyId, actorId }),
  });
}

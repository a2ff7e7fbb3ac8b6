import type { Hono } from 'hono';
import {
  followElsewhere,
  unfollowElsewhere,
  viewFollowings,
} from '../../app/federation/follow-elsewhere.ts';
import { t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Field, PostForm } from '../pages/forms.tsx';
import { actorOn, page, pageWithForms, routeGroups, Table, type C } from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { day } from './resolution-parts.tsx';
import { FollowElsewhere, UnfollowElsewhere } from './schema.ts';

/**
 * The bodies on other servers a body follows, so their model motions reach it
 * (docs/model-motions.md): each with its state, a form to follow one by handle or URL, and a
 * button to unfollow each. Works without JavaScript; its JSON twin is in following-api.ts.
 */
export const followingPages = (opts: HttpOptions) => routeGroups(opts, followingRoutes);

function followingRoutes(web: Hono<HttpEnv>, { ctx, federation }: HttpOptions) {
  const followingPage = async (c: C, mistake?: Mistake) => {
    const v = await viewFollowings(ctx, actorOn(c, 'bodyId'));
    const title = t('following.title', { body: v.body.name });
    return page(
      c,
      title,
      <>
        <BodyPageHeading body={v.body} title={title} />
        <p>{t('following.intro')}</p>
        {v.followings.length ? (
          <Table
            headings={[
              t('following.body'),
              t('following.server'),
              t('following.since'),
              t('following.state'),
              '',
            ]}
          >
            {v.followings.map((f) => (
              <tr>
                <td>
                  {f.name} <span class="meta">{f.address}</span>
                </td>
                <td>{f.server}</td>
                <td>{day(f.since)}</td>
                <td>{t(`following.state.${f.state}`)}</td>
                <td>
                  <PostForm
                    action={`/bodies/${v.body.id}/unfollowing`}
                    fields={{ actorId: f.actorId }}
                    submit={t('following.unfollow')}
                  />
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>{t('following.none')}</p>
        )}
        {v.federates ? (
          <PostForm
            action={`/bodies/${v.body.id}/following`}
            heading={t('following.follow')}
            mistake={mistake?.from(FollowElsewhere)}
            submit={t('following.followSubmit')}
          >
            <Field
              name="address"
              label={t('following.address')}
              hint={t('following.addressHint')}
              mistake={mistake?.from(FollowElsewhere)}
              required
            />
          </PostForm>
        ) : (
          <p>{t('following.off')}</p>
        )}
      </>,
      mistake,
    );
  };
  const form = pageWithForms(web, '/bodies/:id/following', followingPage);
  form('/bodies/:id/following', FollowElsewhere, ({ c }, { address }) =>
    followElsewhere(ctx, {
      ...actorOn(c, 'bodyId'),
      address,
      find: federation?.findActor ?? null,
    }),
  );
  form('/bodies/:id/unfollowing', UnfollowElsewhere, ({ c }, { actorId }) =>
    unfollowElsewhere(ctx, { ...actorOn(c, 'bodyId'), actorId }),
  );
}

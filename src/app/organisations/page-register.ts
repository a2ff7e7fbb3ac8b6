import { can, type Actor } from '../../domain/organisations/policy.ts';
import { insertDataAccess } from '../../db/queries/data-access.ts';
import { countRegister, pageRegister, type RegisterStatus } from '../../db/queries/register.ts';
import { authorise } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { decodeCursor, encodeCursor } from './register-cursor.ts';

/** At most this many members a page, whatever is asked. */
export const MAX_PAGE = 200;

/** The register is counted up to this many; beyond, it says "at least" (`totalCapped`). */
export const COUNT_CAP = 10_000;

/**
 * From this many members on, a page is read by walking names from the cursor, not by sorting
 * the register (src/db/queries/register.ts `pageRegister`).
 */
const LARGE = 2_000;

export interface PageRegisterProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  /** With the members of every body below (a branch column shows whose they are). */
  readonly includeBelow?: boolean | undefined;
  readonly status?: RegisterStatus | undefined;
  /** Part of a name, member number or email, in any case. */
  readonly search?: string | undefined;
  /** A cursor from a previous page's `next` (or, with `before`, its `previous`). */
  readonly after?: string | undefined;
  readonly before?: string | undefined;
  /** Members a page: 50 unless asked, at most MAX_PAGE. */
  readonly limit?: number | undefined;
  /** `register-export` when the register leaves as data (the API), not as a page. */
  readonly kind?: 'register' | 'register-export';
}

export interface RegisterMember {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly memberNumber: string | null;
  readonly joinedOn: string | null;
  /** The day the membership lapsed (or will); null while it holds. */
  readonly leftOn: string | null;
  readonly lapsed: boolean;
  readonly bodyId: string;
  readonly bodyName: string;
  readonly hasAccount: boolean;
}

export interface RegisterPage {
  /** The body whose register it is. */
  readonly body: { readonly id: string; readonly name: string };
  /** Whether the reader may change the register (add, edit, lapse, remove, invite). */
  readonly canManage: boolean;
  /** Whether bodies below are shown with it (a branch column says whose each member is). */
  readonly withBodiesBelow: boolean;
  readonly members: readonly RegisterMember[];
  /** How many members the register shows with this status (whatever the search), up to COUNT_CAP. */
  readonly total: number;
  /** The register holds at least `total` members, maybe more (it was not counted further). */
  readonly totalCapped: boolean;
  /** The cursor of the next page, null on the last. */
  readonly next: string | null;
  /** The cursor of the page before, null on the first. */
  readonly previous: string | null;
}

/**
 * One page of a body's member register, in the order of names, for those the policy lets see
 * it: current members unless lapsed or all are asked for, optionally those matching a search.
 * Pages are read by cursor (keyset), each one reading only its own rows from an index, so the
 * hundredth page of a 100,000-member register costs what the first does. Each look is recorded
 * (one row per body shown, DESIGN.md section 5), so members can see who saw the register.
 */
export async function viewRegisterPage(
  ctx: AppContext,
  props: PageRegisterProps,
): Promise<RegisterPage> {
  const { subtree, body, inTree } = await authorise(
    ctx.db,
    props.actor,
    'body.viewMembers',
    props.bodyId,
  );
  const bodies = props.includeBelow ? subtree : [body];
  const names = new Map(bodies.map((b) => [b.id, b.name]));
  const limit = Math.min(Math.max(Math.trunc(props.limit ?? 50), 1), MAX_PAGE);
  const day = today(ctx);
  const status = props.status ?? 'current';
  const search = props.search?.trim().toLowerCase().slice(0, 200) || undefined;
  const after = props.after ? decodeCursor(props.after, 'after') : undefined;
  const before = !after && props.before ? decodeCursor(props.before, 'before') : undefined;
  const query = {
    bodyIds: bodies.map((b) => b.id),
    today: day,
    status,
    search,
    after,
    before,
    limit,
  };
  const { rows, total } = await inTransaction(ctx, async (trx) => {
    await insertDataAccess(
      trx,
      bodies.map((b) => ({
        id: newId(),
        at: isoNow(ctx),
        viewer_person_id: props.actor!.personId,
        kind: props.kind ?? 'register',
        body_id: b.id,
        person_id: null,
      })),
    );
    const total = await countRegister(trx, query, COUNT_CAP);
    return { rows: await pageRegister(trx, { ...query, large: total >= LARGE }), total };
  });
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  if (before) shown.reverse();
  const keyOf = (r: (typeof rows)[number]) =>
    encodeCursor({ sortName: r.sort_name, personId: r.person_id, membershipId: r.membership_id });
  const first = shown[0];
  const last = shown[shown.length - 1];
  return {
    body: { id: body.id, name: body.name },
    canManage: can(props.actor, 'body.manageMembers', inTree),
    withBodiesBelow: bodies.length > 1,
    members: shown.map((r) => ({
      personId: r.person_id,
      name: r.name,
      email: r.email,
      memberNumber: r.member_number,
      joinedOn: r.joined_on,
      leftOn: r.left_on,
      lapsed: r.left_on !== null && r.left_on <= day,
      bodyId: r.body_id,
      bodyName: names.get(r.body_id) ?? '',
      hasAccount: r.account_person_id !== null,
    })),
    total,
    totalCapped: total >= COUNT_CAP,
    // Going forward, a page follows if a row was left over, and one precedes if we started
    // after a row; going back, the other way round.
    next: last && (before ? true : more) ? keyOf(last) : null,
    previous: first && (before ? more : !!after) ? keyOf(first) : null,
  };
}

import { ratioText } from '../../domain/conference/ratio.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import {
  listCardVotes,
  listDelegations,
  listSubmissions,
  type DelegationRecord,
  type SubmissionRecord,
} from '../../db/queries/conference.ts';
import { cardCountsOfMeeting, listReferencesBack } from '../../db/queries/conference-references.ts';
import {
  countSubmissionsBySubject,
  listDebatedSubmissions,
  listSubmissionsByIds,
  listSubmissionsPage,
  type SubmissionsPage,
} from '../../db/queries/conference-submissions.ts';
import type { AppContext } from '../common/context.ts';
import type { CardResultView } from './close-card-vote.ts';
import { seeConference } from './conference-support.ts';
import { myCredential } from './credential-code.ts';

const presentSubmission = (s: SubmissionRecord, byId: Map<string, DelegationRecord>) => ({
  id: s.id,
  kind: s.kind,
  title: s.title,
  from: s.delegationId ? (byId.get(s.delegationId)?.bodyName ?? null) : null,
  clauses: s.text.clauses.map((c) => ({ kind: c.kind, text: c.text })),
  amendsRule: s.amendsRule,
  subject: s.subject,
  status: s.status,
  ruling: s.ruling,
  recommendation: s.recommendation,
  compositedInto: s.compositedInto,
  mover: s.moverDelegationId ? (byId.get(s.moverDelegationId)?.bodyName ?? null) : null,
  seconder: s.seconderDelegationId ? (byId.get(s.seconderDelegationId)?.bodyName ?? null) : null,
  sources: [...s.sources],
});

/**
 * A conference as its delegates, organisers and the committee see it: sections and shares, the
 * delegations (sizes and cards, not names), the submissions with their rulings, the priorities
 * ballot's totals, and each card vote (and, for the viewer's own delegation, whether its card
 * has been cast). `myDelegation` is the delegation the viewer leads or sits in, if any, and
 * `myCredential` the viewer's credential: the code to show at the door, and whether they are in.
 *
 * With `page`, `submissions` holds only that page (of a subject, from an offset), beside the
 * subjects with their counts; `business` always holds the submissions that the card votes and
 * references back name, and `debated` those going to debate, so a page need not read all 3,000.
 */
export async function viewConference(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; page?: SubmissionsPage | undefined },
) {
  const db = ctx.db;
  const delegations = await listDelegations(db, props.meetingId);
  const { meeting, conference, tree } = await seeConference(
    db,
    props.actor,
    props.meetingId,
    delegations,
  );
  const byId = new Map(delegations.map((d) => [d.id, d]));
  const me = props.actor?.personId;
  const mine = delegations.find(
    (d) => me && [...d.makeUp.delegates, ...d.makeUp.substitutes].includes(me),
  );
  // Each read once, together: the page is drawn for 3,000 submissions (bench/conference.ts).
  const [submissions, subjects, votes, refs, counts, credential, debated] = await Promise.all([
    props.page ? listSubmissionsPage(db, meeting.id, props.page) : listSubmissions(db, meeting.id),
    countSubmissionsBySubject(db, meeting.id),
    listCardVotes(db, meeting.id),
    listReferencesBack(db, meeting.id),
    cardCountsOfMeeting(db, meeting.id, mine?.id ?? null),
    me ? myCredential(ctx, meeting.id, me) : null,
    listDebatedSubmissions(db, meeting.id, conference.priorities?.debated ?? []),
  ]);
  // The submissions the business names, read by id (most are on the page already, or not).
  const named = [...votes.map((v) => v.submission_id), ...refs.flatMap((r) => r.submissions)];
  const onPage = new Map(submissions.map((s) => [s.id, s]));
  const read = await listSubmissionsByIds(
    db,
    named.filter((id) => !onPage.has(id)),
  );
  const business = [
    ...new Map(
      [...named.flatMap((id) => onPage.get(id) ?? []), ...read].map((s) => [s.id, s]),
    ).values(),
  ];
  const titleOf = new Map(business.map((s) => [s.id, s.title]));
  const referencesBack = refs.map((r) => ({
    id: r.id,
    submissionIds: [...r.submissions],
    titles: r.submissions.map((id) => titleOf.get(id) ?? ''),
    mover: r.moverDelegationId ? (byId.get(r.moverDelegationId)?.bodyName ?? null) : null,
    status: r.status,
    decidedBy: r.decidedBy,
  }));
  const cardVotes = votes.map((v) => ({
    id: v.id,
    submissionId: v.submission_id,
    referenceBackId: v.reference_back_id,
    title: v.reference_back_id
      ? (referencesBack.find((r) => r.id === v.reference_back_id)?.titles.join('; ') ?? '')
      : (titleOf.get(v.submission_id) ?? ''),
    threshold: v.threshold,
    open: v.open === 1,
    secret: v.secret === 1,
    // A secret card vote has only its roll: who cast, not how.
    cards: counts.get(v.id)?.cards ?? 0,
    myCardCast: counts.get(v.id)?.mine ?? false,
    result: v.result === null ? null : (JSON.parse(v.result) as CardResultView),
  }));
  return {
    canRun: can(props.actor, 'body.runMeetings', tree.inTree),
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.starts_at,
      bodyId: meeting.body_id,
    },
    sections: conference.sections.map((s) => ({
      key: s.key,
      name: s.name,
      share: ratioText(s.share),
    })),
    formula: conference.formula,
    rules: conference.rules,
    delegations: delegations.map((d) => ({
      id: d.id,
      bodyId: d.bodyId,
      name: d.bodyName,
      section: d.section,
      members: d.members,
      entitled: d.entitled,
      weight: d.weight,
      delegates: d.makeUp.delegates.length,
      substitutes: d.makeUp.substitutes.length,
    })),
    myDelegation: mine
      ? {
          id: mine.id,
          name: mine.bodyName,
          section: mine.section,
          weight: mine.weight,
          leader: mine.makeUp.leader === me,
          delegate: mine.makeUp.delegates.includes(me!),
        }
      : null,
    myCredential: credential,
    submissions: submissions.map((s) => presentSubmission(s, byId)),
    subjects: subjects.map((x) => ({ subject: x.subject, total: x.total, byStatus: x.byStatus })),
    submissionsPage: {
      ...(props.page?.subject !== undefined ? { subject: props.page.subject } : {}),
      from: props.page?.from ?? 0,
      total: props.page
        ? subjects
            .filter((x) => props.page?.subject === undefined || x.subject === props.page.subject)
            .reduce((sum, x) => sum + x.total, 0)
        : submissions.length,
    },
    business: business.map((s) => presentSubmission(s, byId)),
    debated: debated.map((s) => ({
      id: s.id,
      subject: s.subject ?? '',
      title: s.title,
      from: s.delegation_id ? (byId.get(s.delegation_id)?.bodyName ?? null) : null,
    })),
    referencesBack,
    priorities: conference.priorities,
    cardVotes,
  };
}
export type ConferenceView = Awaited<ReturnType<typeof viewConference>>;

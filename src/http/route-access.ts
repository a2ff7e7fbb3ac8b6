import type { Action } from '../domain/organisations/policy.ts';

/**
 * Who may use each route: one line per route of the app, checked by the authorisation matrix
 * (authorisation-matrix.test.ts) against every role, and read from the app's own route table, so
 * a route added without a line here fails that test by name. `body(action)` means the policy's
 * `can(actor, action, body)` on the body the route is about (the body itself, or the body of
 * the ballot, meeting, motion, amendment, question or nomination in the path).
 */
export type RouteAccess =
  /** Anyone, signed in or not. */
  | { readonly kind: 'public' }
  /** Any signed-in person; about themselves (their account, their session). */
  | { readonly kind: 'signed-in' }
  /** A one-time link: the secret in the path is the only authority, whoever holds it. */
  | { readonly kind: 'secret-link' }
  /** A site administrator (setting up organisations). */
  | { readonly kind: 'site-admin' }
  /** Only the motion's proposer, whatever roles they hold (no role is enough). */
  | { readonly kind: 'proposer' }
  /** Only a trustee of the end-to-end ballot, whatever roles they hold (no role is enough). */
  | { readonly kind: 'trustee' }
  /** Only the member who gave the proxy, whatever roles they hold (no role is enough). */
  | { readonly kind: 'giver' }
  /** Only a delegate credentialed for the conference, whatever roles they hold (no role is enough). */
  | { readonly kind: 'delegate' }
  | {
      readonly kind: 'body';
      readonly action: Action;
      /**
       * A communication's route is about the body it was sent to, not the sender; an
       * organisation's own settings (its sign-in provider) are about its top body.
       */
      readonly of?: 'addressee' | 'top';
    };

const PUBLIC: RouteAccess = { kind: 'public' };
const SIGNED_IN: RouteAccess = { kind: 'signed-in' };
const SECRET_LINK: RouteAccess = { kind: 'secret-link' };
const SITE_ADMIN: RouteAccess = { kind: 'site-admin' };
const PROPOSER: RouteAccess = { kind: 'proposer' };
const TRUSTEE: RouteAccess = { kind: 'trustee' };
const GIVER: RouteAccess = { kind: 'giver' };
const DELEGATE: RouteAccess = { kind: 'delegate' };
const body = (action: Action): RouteAccess => ({ kind: 'body', action });
const VIEW = body('body.view');
const PARTICIPATE = body('body.participate');
const RUN_MEETINGS = body('body.runMeetings');
const RUN_BALLOTS = body('body.runBallots');
const ANSWER = body('body.answerCommunications');
const COUNT_PAPERS = body('body.countPapers');
const addressee = (action: Action): RouteAccess => ({ kind: 'body', action, of: 'addressee' });
/** An administrator of the organisation: one who gives roles in its top body. */
const ORGANISATION_ADMIN: RouteAccess = { kind: 'body', action: 'body.manageOfficers', of: 'top' };

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  // Assets, health, the API description
  'GET /assets/site.css': PUBLIC,
  'GET /assets/live.js': PUBLIC,
  'GET /assets/attendance.js': PUBLIC,
  'GET /assets/confirm.js': PUBLIC,
  'GET /assets/meeting-live.js': PUBLIC,
  'GET /assets/conference-live.js': PUBLIC,
  'GET /assets/e2e-vote.js': PUBLIC,
  'GET /assets/e2e-trustee.js': PUBLIC,
  'GET /assets/verify-board.js': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /api/openapi.json': PUBLIC,

  // Live updates
  'GET /api/v1/ballots/:id/events': PARTICIPATE,
  'GET /api/v1/meetings/:id/events': PARTICIPATE,

  // Accounts and sessions (API)
  'POST /api/v1/session': PUBLIC,
  'DELETE /api/v1/session': PUBLIC,
  'POST /api/v1/password-reset': PUBLIC,
  'POST /api/v1/setup': SECRET_LINK,
  'POST /api/v1/invitations/accept': SECRET_LINK,
  'POST /api/v1/password-reset/complete': SECRET_LINK,
  'GET /api/v1/me': SIGNED_IN,
  'PUT /api/v1/me/language': SIGNED_IN,
  'GET /api/v1/me/tasks': SIGNED_IN,
  'GET /api/v1/me/mail': SIGNED_IN,
  'PUT /api/v1/me/mail': SIGNED_IN,
  'POST /api/v1/me/mail/stop': SIGNED_IN,
  // Each person's own API tokens; a token of someone else's is not found.
  'GET /api/v1/me/tokens': SIGNED_IN,
  'POST /api/v1/me/tokens': SIGNED_IN,
  'DELETE /api/v1/me/tokens/:id': SIGNED_IN,

  // Organisations and bodies (API)
  'GET /api/v1/organisations': SIGNED_IN,
  'POST /api/v1/organisations': SITE_ADMIN,
  'GET /api/v1/organisations/:slug': VIEW,
  'GET /api/v1/organisations/:slug/sign-in-provider': ORGANISATION_ADMIN,
  'PUT /api/v1/organisations/:slug/sign-in-provider': ORGANISATION_ADMIN,
  'GET /api/v1/bodies/:id': VIEW,
  'POST /api/v1/bodies/:id/bodies': body('body.createChild'),
  'GET /api/v1/bodies/:id/members': body('body.viewMembers'),
  'POST /api/v1/bodies/:id/members': body('body.manageMembers'),
  'GET /api/v1/bodies/:id/members/:personId': body('body.viewMembers'),
  'PUT /api/v1/bodies/:id/members/:personId': body('body.manageMembers'),
  'DELETE /api/v1/bodies/:id/members/:personId': body('body.manageMembers'),
  'POST /api/v1/bodies/:id/members/:personId/lapse': body('body.manageMembers'),
  'POST /api/v1/bodies/:id/members/:personId/invitation': body('body.manageMembers'),
  'POST /api/v1/bodies/:id/imports': body('body.manageMembers'),
  'POST /api/v1/bodies/:id/invitations': body('body.manageMembers'),
  'PUT /api/v1/bodies/:id/roles': body('body.manageOfficers'),
  'POST /api/v1/bodies/:id/calendar-feed': PARTICIPATE,
  'GET /api/v1/bodies/:id/standing-orders': VIEW,
  'PUT /api/v1/bodies/:id/standing-orders': body('body.editStandingOrders'),
  'POST /api/v1/bodies/:id/standing-orders/reset': body('body.editStandingOrders'),

  // Ballots and elections (API)
  'GET /api/v1/bodies/:id/ballots': PARTICIPATE,
  'POST /api/v1/bodies/:id/ballots': RUN_BALLOTS,
  'GET /api/v1/ballots/:id': PARTICIPATE,
  'POST /api/v1/ballots/:id/open': RUN_BALLOTS,
  'POST /api/v1/ballots/:id/close': RUN_BALLOTS,
  'GET /api/v1/ballots/:id/paper': COUNT_PAPERS,
  'POST /api/v1/ballots/:id/paper-voters': RUN_BALLOTS,
  'POST /api/v1/ballots/:id/papers': RUN_BALLOTS,
  'POST /api/v1/ballots/:id/paper-count': COUNT_PAPERS,
  'POST /api/v1/ballots/:id/votes': PARTICIPATE,
  // Proxies (proxies-api.ts): lodged by members, withdrawn by their giver, refused by officers.
  'GET /api/v1/ballots/:id/proxies': PARTICIPATE,
  'POST /api/v1/ballots/:id/proxies': PARTICIPATE,
  'GET /api/v1/meetings/:id/proxies': PARTICIPATE,
  'POST /api/v1/meetings/:id/proxies': PARTICIPATE,
  'POST /api/v1/proxies/:id/withdraw': GIVER,
  'POST /api/v1/proxies/:id/refuse': RUN_BALLOTS,
  'GET /api/v1/ballots/:id/receipts/:receipt': PARTICIPATE,
  'POST /api/v1/ballots/:id/receipt': PARTICIPATE,
  'GET /api/v1/ballots/:id/box': PARTICIPATE,
  'POST /api/v1/ballots/:id/nominations': PARTICIPATE,
  // End-to-end verifiable ballots (docs/e2e-protocol.md)
  'POST /api/v1/bodies/:id/verifiable-ballots': RUN_BALLOTS,
  'GET /api/v1/ballots/:id/board': PARTICIPATE,
  'GET /api/v1/ballots/:id/verifiable': PARTICIPATE,
  'POST /api/v1/ballots/:id/verifiable/key': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/polynomial': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/verification': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/open': RUN_BALLOTS,
  'POST /api/v1/ballots/:id/verifiable/ballots': PARTICIPATE,
  'POST /api/v1/ballots/:id/verifiable/close': RUN_BALLOTS,
  'POST /api/v1/ballots/:id/verifiable/decryption': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/shuffle': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/shuffle/parts': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/shuffle/parts/:upload': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/shuffle/parts/:upload/complete': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/decryption/parts': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/decryption/parts/:upload': TRUSTEE,
  'POST /api/v1/ballots/:id/verifiable/decryption/parts/:upload/complete': TRUSTEE,
  'POST /api/v1/nominations/:id/second': PARTICIPATE,

  // Meetings, motions, minutes (API)
  'GET /api/v1/bodies/:id/meetings': PARTICIPATE,
  'POST /api/v1/bodies/:id/meetings': RUN_MEETINGS,
  'GET /api/v1/bodies/:id/motions': PARTICIPATE,
  'POST /api/v1/bodies/:id/motions': PARTICIPATE,
  'GET /api/v1/meetings/:id': PARTICIPATE,
  'POST /api/v1/meetings/:id/notice': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/open': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/cancel': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/close': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/agenda': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/agenda/:itemId/move': RUN_MEETINGS,
  'DELETE /api/v1/meetings/:id/agenda/:itemId': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/attendance': PARTICIPATE,
  'POST /api/v1/meetings/:id/attendance/many': RUN_MEETINGS,
  'POST /api/v1/join': SIGNED_IN,
  'POST /api/v1/meetings/:id/attendance/sign-out': PARTICIPATE,
  'POST /api/v1/meetings/:id/procedural': RUN_MEETINGS,
  'GET /api/v1/meetings/:id/minutes': PARTICIPATE,
  'PUT /api/v1/meetings/:id/minutes': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/minutes/redraft': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/minutes/approve': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/minutes/corrections': RUN_MEETINGS,
  'GET /api/v1/motions/:id': PARTICIPATE,
  'PUT /api/v1/motions/:id/text': PROPOSER,
  'POST /api/v1/motions/:id/second': PARTICIPATE,
  'POST /api/v1/motions/:id/submit': PROPOSER,
  'POST /api/v1/motions/:id/remote-body': PROPOSER,
  'POST /api/v1/motions/:id/steps': RUN_MEETINGS,
  'POST /api/v1/motions/:id/amendments': RUN_MEETINGS,
  'POST /api/v1/amendments/:id/steps': RUN_MEETINGS,
  'POST /api/v1/motions/:id/question': RUN_MEETINGS,
  'POST /api/v1/questions/:id/vote': RUN_MEETINGS,

  // Ballot pages
  'GET /bodies/:id/ballots': PARTICIPATE,
  'POST /bodies/:id/ballots': RUN_BALLOTS,
  'GET /ballots/:id': PARTICIPATE,
  'POST /ballots/:id/vote': PARTICIPATE,
  'POST /ballots/:id/nominations': PARTICIPATE,
  'POST /ballots/:id/nominations/:nomination/second': PARTICIPATE,
  'POST /ballots/:id/open': RUN_BALLOTS,
  'POST /ballots/:id/close': RUN_BALLOTS,
  'GET /ballots/:id/papers': RUN_BALLOTS,
  'GET /ballots/:id/paper-count': COUNT_PAPERS,
  'POST /ballots/:id/paper-count': COUNT_PAPERS,
  'POST /ballots/:id/receipt': PARTICIPATE,
  'GET /ballots/:id/proxies': PARTICIPATE,
  'POST /ballots/:id/proxies': PARTICIPATE,
  'POST /ballots/:id/proxies/:proxy/withdraw': GIVER,
  'POST /ballots/:id/proxies/:proxy/refuse': RUN_BALLOTS,
  'GET /meetings/:id/proxies': PARTICIPATE,
  'POST /meetings/:id/proxies': PARTICIPATE,
  'POST /meetings/:id/proxies/:proxy/withdraw': GIVER,
  'POST /meetings/:id/proxies/:proxy/refuse': RUN_MEETINGS,
  'GET /ballots/:id/box.json': PARTICIPATE,
  'GET /ballots/:id/box.blt': PARTICIPATE,
  'GET /ballots/:id/verify': PARTICIPATE,
  'POST /ballots/:id/verifiable/open': RUN_BALLOTS,
  'POST /ballots/:id/verifiable/close': RUN_BALLOTS,
  'GET /bodies/:id/verifiable-ballots': RUN_BALLOTS,
  'POST /bodies/:id/verifiable-ballots': RUN_BALLOTS,
  'GET /ballots/:id/board': PARTICIPATE,

  // Meeting pages
  'GET /bodies/:id/standing-orders': VIEW,
  'POST /bodies/:id/standing-orders': body('body.editStandingOrders'),
  'POST /bodies/:id/standing-orders/reset': body('body.editStandingOrders'),
  'GET /bodies/:id/meetings': PARTICIPATE,
  'POST /bodies/:id/meetings': RUN_MEETINGS,
  'POST /bodies/:id/calendar-feed': PARTICIPATE,
  // Also read by a calendar app with a feed token instead of a session (calendar-feed.test.ts).
  'GET /bodies/:id/meetings.ics': PARTICIPATE,
  'GET /meetings/:id': PARTICIPATE,
  'GET /meetings/:id/meeting.ics': PARTICIPATE,
  'POST /meetings/:id/notice': RUN_MEETINGS,
  'POST /meetings/:id/agenda': RUN_MEETINGS,
  'POST /meetings/:id/agenda/:itemId/move': RUN_MEETINGS,
  'POST /meetings/:id/agenda/:itemId/remove': RUN_MEETINGS,
  'POST /meetings/:id/sign-in': PARTICIPATE,
  'POST /meetings/:id/sign-out': PARTICIPATE,
  'GET /meetings/:id/console': RUN_MEETINGS,
  'POST /meetings/:id/console/open': RUN_MEETINGS,
  'POST /meetings/:id/console/cancel': RUN_MEETINGS,
  'POST /meetings/:id/console/close': RUN_MEETINGS,
  'POST /meetings/:id/console/sign-in': RUN_MEETINGS,
  'POST /meetings/:id/console/sign-out': RUN_MEETINGS,
  'GET /meetings/:id/console/attendance': RUN_MEETINGS,
  'POST /meetings/:id/console/attendance': RUN_MEETINGS,
  // Signing myself in with a meeting's code: the code names the meeting (sign-in-by-code.ts).
  'GET /join': SIGNED_IN,
  'POST /join': SIGNED_IN,
  'POST /meetings/:id/console/motion-step': RUN_MEETINGS,
  'POST /meetings/:id/console/amendment-step': RUN_MEETINGS,
  'POST /meetings/:id/console/amend': RUN_MEETINGS,
  'POST /meetings/:id/console/put': RUN_MEETINGS,
  'POST /meetings/:id/console/vote': RUN_MEETINGS,
  'POST /meetings/:id/console/procedural': RUN_MEETINGS,
  'GET /bodies/:id/motions': PARTICIPATE,
  'POST /bodies/:id/motions': PARTICIPATE,
  'GET /motions/:id': PARTICIPATE,
  'POST /motions/:id': PROPOSER,
  'POST /motions/:id/second': PARTICIPATE,
  'GET /meetings/:id/minutes': PARTICIPATE,
  'POST /meetings/:id/minutes': RUN_MEETINGS,
  'POST /meetings/:id/minutes/redraft': RUN_MEETINGS,
  'POST /meetings/:id/minutes/correct': RUN_MEETINGS,
  'POST /meetings/:id/minutes/approve': RUN_MEETINGS,

  // Site pages
  'GET /': PUBLIC,
  'GET /sign-in': PUBLIC,
  'POST /sign-in': PUBLIC,
  'POST /sign-out': PUBLIC,
  // Signing in with an organisation's OpenID provider: its answer is checked by the state this
  // browser was given (src/app/accounts/external-sign-in.ts).
  'GET /sign-in/oidc/:slug': PUBLIC,
  'GET /sign-in/oidc/:slug/callback': PUBLIC,
  'GET /o/:slug/sign-in-provider': ORGANISATION_ADMIN,
  'POST /o/:slug/sign-in-provider': ORGANISATION_ADMIN,
  'GET /setup/:secret': SECRET_LINK,
  'POST /setup/:secret': SECRET_LINK,
  'GET /invite/:secret': SECRET_LINK,
  'POST /invite/:secret': SECRET_LINK,
  'GET /reset': PUBLIC,
  'POST /reset': PUBLIC,
  // The form to choose a new password; the secret is checked when the form is sent.
  'GET /reset/:secret': PUBLIC,
  'POST /reset/:secret': SECRET_LINK,
  'GET /organisations/new': SITE_ADMIN,
  'POST /organisations/new': SITE_ADMIN,
  'GET /o/:slug': VIEW,
  'GET /bodies/:id': VIEW,
  'POST /bodies/:id/roles': body('body.manageOfficers'),
  'GET /bodies/:id/bodies/new': body('body.createChild'),
  'POST /bodies/:id/bodies/new': body('body.createChild'),
  'GET /bodies/:id/members': body('body.viewMembers'),
  'GET /bodies/:id/members.csv': body('body.viewMembers'),
  'GET /bodies/:id/members/new': body('body.manageMembers'),
  'POST /bodies/:id/members/new': body('body.manageMembers'),
  'GET /bodies/:id/members/:personId': body('body.viewMembers'),
  'POST /bodies/:id/members/:personId': body('body.manageMembers'),
  'POST /bodies/:id/members/:personId/lapse': body('body.manageMembers'),
  'POST /bodies/:id/members/:personId/invitation': body('body.manageMembers'),
  'POST /bodies/:id/members/:personId/remove': body('body.manageMembers'),
  'POST /bodies/:id/invitations': body('body.manageMembers'),
  'GET /bodies/:id/import': body('body.manageMembers'),
  'POST /bodies/:id/import': body('body.manageMembers'),
  'GET /account': SIGNED_IN,
  'GET /account/export.json': SIGNED_IN,
  'POST /account/language': SIGNED_IN,
  'GET /account/mail': SIGNED_IN,
  'GET /mail/:secret': SECRET_LINK,
  'POST /mail/:secret': SECRET_LINK,
  'GET /mail/:secret/unsubscribe/:kind': SECRET_LINK,
  'POST /mail/:secret/unsubscribe/:kind': SECRET_LINK,
  'POST /account/tokens': SIGNED_IN,
  'POST /account/tokens/:id/revoke': SIGNED_IN,

  // Resolutions, published minutes and feeds: public (a body may make its resolutions private
  // to its organisation, checked in view-resolution.ts)
  'GET /assets/print.css': PUBLIC,
  'GET /r/:org': PUBLIC,
  'GET /r/:org/feed.atom': PUBLIC,
  'GET /r/:org/bodies/:body/feed.atom': PUBLIC,
  // The signed head of the organisation's audit chain, and the key that signs it: for anyone to
  // keep a copy of (README: "Keeping the audit chain honest").
  'GET /r/:org/chain': PUBLIC,
  // Witnessed chains between peers (docs/witnessed-chains.md): the authority is the peer's
  // signature, checked by the use case, and the allowed peers (none where federation is off).
  'POST /chain-witness/heads': PUBLIC,
  'GET /chain-witness/heads': PUBLIC,
  'GET /chain-witness/links/:org': PUBLIC,
  'GET /.well-known/seconded-key': PUBLIC,
  'GET /r/:org/minutes/:slug': PUBLIC,
  'GET /r/:org/minutes/:slug/print': PUBLIC,
  'GET /r/:org/minutes/:slug/pdf': PUBLIC,
  'GET /r/:org/:slug': PUBLIC,
  'GET /r/:org/:slug/print': PUBLIC,
  'GET /r/:org/:slug/pdf': PUBLIC,
  // A model motion is offered to the organisation's own bodies; its page is public with its
  // resolution, showing outsiders the adoptions of bodies that publish (viewModelMotion).
  'GET /r/:org/:slug/model': PUBLIC,
  'POST /r/:org/:slug/model-motion': ANSWER,
  'GET /api/v1/resolutions/:id': PUBLIC,
  // As its page: whoever signs in sees what they may (all of it, or the public part).
  'GET /api/v1/resolutions/:id/adoptions': SIGNED_IN,
  'POST /api/v1/resolutions/:id/model-motion': ANSWER,
  // Withdrawing a resolution from a body it calls on: the sending body's secretary.
  'POST /r/:org/:slug/withdrawal': ANSWER,
  'POST /api/v1/resolutions/:id/withdrawal': ANSWER,
  'GET /api/v1/bodies/:id/resolutions': VIEW,
  'GET /bodies/:id/resolutions': VIEW,
  'PUT /api/v1/bodies/:id/publication': body('body.editStandingOrders'),
  'POST /bodies/:id/publication': body('body.editStandingOrders'),

  // Inboxes and communications (the receiving body's)
  'GET /api/v1/bodies/:id/inbox': PARTICIPATE,
  'GET /bodies/:id/inbox': PARTICIPATE,
  'POST /api/v1/bodies/:id/composites': ANSWER,
  'POST /bodies/:id/composites': ANSWER,
  // Bodies on other servers a body follows (docs/model-motions.md): its secretary's, as models.
  'GET /api/v1/bodies/:id/following': ANSWER,
  'GET /bodies/:id/following': ANSWER,
  'POST /api/v1/bodies/:id/following': ANSWER,
  'POST /bodies/:id/following': ANSWER,
  'POST /api/v1/bodies/:id/unfollowing': ANSWER,
  'POST /bodies/:id/unfollowing': ANSWER,
  'GET /api/v1/communications/:id': addressee('body.participate'),
  'GET /communications/:id': addressee('body.participate'),
  'POST /api/v1/communications/:id/answers': addressee('body.answerCommunications'),
  'POST /communications/:id/answers': addressee('body.answerCommunications'),
  'POST /api/v1/communications/:id/agenda': addressee('body.answerCommunications'),
  'POST /communications/:id/agenda': addressee('body.answerCommunications'),
  // Put to a ballot of the members: runs a ballot too, which every secretary and admin may.
  'POST /api/v1/communications/:id/ballot': addressee('body.answerCommunications'),
  'POST /communications/:id/ballot': addressee('body.answerCommunications'),
  'POST /api/v1/communications/:id/adoption': addressee('body.answerCommunications'),
  'GET /communications/:id/adopt': addressee('body.answerCommunications'),
  'POST /communications/:id/adopt': addressee('body.answerCommunications'),

  // Composites, secret ballots of those present, the speakers list and the projector
  'POST /api/v1/meetings/:id/composites': RUN_MEETINGS,
  'POST /meetings/:id/console/composite': RUN_MEETINGS,
  'POST /meetings/:id/console/put-ballot': RUN_MEETINGS,
  'POST /meetings/:id/console/close-ballot': RUN_MEETINGS,
  'POST /meetings/:id/console/paper-voters': RUN_MEETINGS,
  'POST /meetings/:id/console/issue-papers': RUN_MEETINGS,
  'GET /assets/room-live.js': PUBLIC,
  'GET /assets/projector.css': PUBLIC,
  'GET /meetings/:id/projector': PARTICIPATE,
  // The wall laptop: the meeting's private projector link, and its events (types only).
  'GET /projector/:secret': SECRET_LINK,
  'GET /projector/:secret/events': SECRET_LINK,
  'GET /meetings/:id/projector-link': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/projector-link': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/projector-link/revoke': RUN_MEETINGS,
  'POST /meetings/:id/projector-link': RUN_MEETINGS,
  'POST /meetings/:id/projector-link/revoke': RUN_MEETINGS,
  'GET /api/v1/meetings/:id/speakers': PARTICIPATE,
  'GET /meetings/:id/speakers': PARTICIPATE,
  'POST /api/v1/meetings/:id/speakers': PARTICIPATE,
  'POST /meetings/:id/speakers': PARTICIPATE,
  'POST /api/v1/meetings/:id/speakers/next': RUN_MEETINGS,
  'POST /meetings/:id/speakers/next': RUN_MEETINGS,
  'POST /api/v1/meetings/:id/speakers/end': RUN_MEETINGS,
  'POST /meetings/:id/speakers/end': RUN_MEETINGS,
  // One's own request, or anyone's for those who run the meeting.
  'POST /api/v1/meetings/:id/speakers/:requestId/withdraw': PARTICIPATE,
  'POST /meetings/:id/speakers/:requestId/withdraw': PARTICIPATE,

  // Conference (issue 20): its organisers and committee run the conference body's meetings; a
  // delegation's own steps are also open to its branch's officers and (cards, priorities) its
  // leader, whom no role here is.
  'GET /api/v1/conferences/:id': PARTICIPATE,
  'GET /api/v1/bodies/:id/conference-submissions': PARTICIPATE,
  'POST /api/v1/meetings/:id/conference': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/delegations': RUN_MEETINGS,
  'PUT /api/v1/delegations/:id/delegates': RUN_MEETINGS,
  'POST /api/v1/delegations/:id/submissions': RUN_MEETINGS,
  'POST /api/v1/submissions/:id/ruling': RUN_MEETINGS,
  'POST /api/v1/delegations/:id/priorities': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/priorities/count': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/composites': RUN_MEETINGS,
  'POST /api/v1/submissions/:id/card-votes': RUN_MEETINGS,
  'POST /api/v1/card-votes/:id/cards': RUN_MEETINGS,
  'POST /api/v1/card-votes/:id/close': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/references-back': RUN_MEETINGS,
  'POST /api/v1/references-back/:id/decision': RUN_MEETINGS,
  'POST /api/v1/references-back/:id/card-votes': RUN_MEETINGS,
  'POST /api/v1/submissions/:id/remit': RUN_MEETINGS,
  'GET /api/v1/conferences/:id/credentials': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/credentials': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/door': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/sessions': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/credentials/reissue': RUN_MEETINGS,
  'POST /api/v1/conferences/:id/my-code': DELEGATE,
  'POST /api/v1/conferences/:id/credentials/revoke': RUN_MEETINGS,
  'GET /conferences/:id': PARTICIPATE,
  'POST /conferences/:id/cards/:voteId': RUN_MEETINGS,
  'GET /conferences/:id/desk': RUN_MEETINGS,
  'POST /conferences/:id/desk/count': RUN_MEETINGS,
  'POST /conferences/:id/desk/rulings/:submissionId': RUN_MEETINGS,
  'POST /conferences/:id/desk/votes/:submissionId': RUN_MEETINGS,
  'POST /conferences/:id/desk/closings/:voteId': RUN_MEETINGS,
  'POST /conferences/:id/desk/references-back': RUN_MEETINGS,
  'POST /conferences/:id/desk/decisions/:referenceBackId': RUN_MEETINGS,
  'POST /conferences/:id/desk/references-back/:referenceBackId/card-vote': RUN_MEETINGS,
  'POST /conferences/:id/desk/remissions/:submissionId': RUN_MEETINGS,
  'GET /conferences/:id/projector': PARTICIPATE,
  'POST /conferences/:id/desk/credentials': RUN_MEETINGS,
  'POST /conferences/:id/desk/door': RUN_MEETINGS,
  'POST /conferences/:id/desk/sessions': RUN_MEETINGS,
  'POST /conferences/:id/desk/reissues': RUN_MEETINGS,
  'POST /conferences/:id/my-code': DELEGATE,
  'POST /conferences/:id/desk/revocations': RUN_MEETINGS,
};

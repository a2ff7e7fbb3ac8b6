import type { CommunicationStatus, Outcome } from '../resolutions/communication.ts';
import { OUTCOMES } from '../resolutions/communication.ts';

/**
 * Bodies on other Seconded servers, and the words two servers exchange about a resolution
 * (issue 19). Pure: no network here. A "calls on" clause names a body elsewhere by its
 * fediverse handle (`@nec@party.example`, WebFinger, RFC 7033) or by its actor's URL; a name
 * that is neither stays a body elsewhere that cannot be delivered to.
 */

/** Where a remote body is to be found: by handle (looked up by WebFinger) or by URL. */
export type RemoteAddress =
  | { readonly kind: 'handle'; readonly user: string; readonly host: string; readonly text: string }
  | { readonly kind: 'url'; readonly url: string; readonly text: string };

const HANDLE = /^@?([A-Za-z0-9._~-]{1,100})@([A-Za-z0-9.-]{1,253}(?::\d{1,5})?)$/;

/** Reads a handle or an http(s) URL from an addressee's name; null when it is just a name. */
export function remoteAddressOf(name: string): RemoteAddress | null {
  const text = name.trim();
  const handle = HANDLE.exec(text);
  if (handle) return { kind: 'handle', user: handle[1]!, host: handle[2]!.toLowerCase(), text };
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    if (url.username || url.password) return null;
    return { kind: 'url', url: url.href, text };
  } catch {
    return null;
  }
}

/** The origin (`https://party.example`) a remote address lives at. */
export function originOf(address: RemoteAddress): string {
  return address.kind === 'url' ? new URL(address.url).origin : `https://${address.host}`;
}

/**
 * Whether a server may be talked to: its origin is one the administrator allowed
 * (FEDERATION_ALLOWED_PEERS). A handle names a host, so it matches an allowed origin of that host.
 */
export function isAllowedPeer(allowed: readonly string[], origin: string): boolean {
  return allowed.includes(origin);
}

export function isAllowedAddress(allowed: readonly string[], address: RemoteAddress): boolean {
  if (address.kind === 'url') return isAllowedPeer(allowed, new URL(address.url).origin);
  return allowed.some((o) => new URL(o).host === address.host);
}

/**
 * The activity each state of a communication travels as, from the receiving server back to the
 * sender (ActivityStreams 2.0 vocabulary): acknowledged as `Read`, ruled in as `Accept`, ruled out
 * as `Reject` (with the reason), on the agenda, put to a ballot or composited as `Add`, decided (with the result's
 * figures and rule in the note) as `Update`. The state itself travels in the activity's `name`,
 * so the sender need not guess it from the type; the two must agree.
 */
export type AnswerType = 'Read' | 'Accept' | 'Reject' | 'Add' | 'Update';

export function answerTypeOf(status: CommunicationStatus): AnswerType | null {
  switch (status) {
    case 'acknowledged':
      return 'Read';
    case 'ruled-in':
      return 'Accept';
    case 'ruled-out':
      return 'Reject';
    case 'on-agenda':
    case 'balloting':
    case 'composited':
      return 'Add';
    case 'carried':
    case 'lost':
    case 'noted':
    case 'referred':
      return 'Update';
    default:
      return null;
  }
}

/** The state an answer says, or null when its type and its state disagree (refused). */
export function statusOfAnswer(type: AnswerType, name: string): CommunicationStatus | null {
  const status = name as CommunicationStatus;
  return answerTypeOf(status) === type ? status : null;
}

export const isOutcome = (status: string): status is Outcome =>
  (OUTCOMES as readonly string[]).includes(status);

/** How long a remote answer's note or a reason may be, as any note here. */
export const REMOTE_NOTE_MAX = 2000;

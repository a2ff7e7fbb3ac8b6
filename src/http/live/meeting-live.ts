import { Hono } from 'hono';
import { viewQuorum } from '../../app/meetings/view-quorum.ts';
import { asset } from '../assets.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { openProjector } from '../../app/meetings/view-projector.ts';
import { followRoute, streamChannel } from './event-stream.ts';
import type { StreamQuota } from './stream-quota.ts';

/**
 * Live meetings: one numbered server-sent event stream per meeting
 * (`/api/v1/meetings/:id/events`), whose first event is the quorum as it stands, then every
 * change (sign-ins and outs with the quorum, motions moved, questions put, results declared); a
 * browser that reconnects resumes from the last number it had (event-stream.ts); and the small script that keeps the quorum
 * line current and reloads a page when the business moves on. Pages work without it.
 */
export function meetingLiveRoutes({ ctx, streams }: HttpOptions & { streams: StreamQuota }) {
  const live = new Hono<HttpEnv>();
  followRoute(live, ctx.events, streams, '/api/v1/meetings/:id/events', {
    kind: 'meeting',
    current: async (actor, meetingId) => {
      const { met, present, required, status } = await viewQuorum(ctx, { actor, meetingId });
      return { type: 'attendance', data: { met, present, required, status } };
    },
  });
  // The projector opened by its private link follows the meeting without a session. It is told
  // only that something changed (each event's type, never its data), and reloads the wall.
  live.get('/projector/:secret/events', async (c) => {
    const { meeting } = await openProjector(ctx, { token: c.req.param('secret') });
    const onEnd = streams.admit(c, `projector ${meeting.id}`);
    return streamChannel(
      c,
      ctx.events,
      `meeting:${meeting.id}`,
      () => Promise.resolve({ type: 'attendance', data: {} }),
      { onEnd, strip: true },
    );
  });
  asset(live, '/assets/meeting-live.js', MEETING_JS, 'text/javascript');
  return live;
}

/**
 * Keeps `#quorum` current from the meeting's events and reloads the page when the business moves
 * on, unless someone is typing in a form (then it says so instead of losing their words).
 */
export const MEETING_JS = `
(function () {
  var el = document.querySelector('[data-live-meeting]');
  if (!el || !window.EventSource) return;
  // Reloads by GET the page's own address: after a form's answer, reloading would post it again.
  var page = document.body.getAttribute('data-page') || location.pathname;
  var source = new EventSource('/api/v1/meetings/' + el.getAttribute('data-live-meeting') + '/events');
  source.addEventListener('attendance', function (e) {
    var d = JSON.parse(e.data);
    var strong = document.createElement('strong');
    strong.textContent = el.getAttribute(d.met ? 'data-met' : 'data-not-met');
    el.textContent = '';
    el.appendChild(strong);
    el.appendChild(document.createTextNode(': ' + el.getAttribute('data-line')
      .replace('{present}', d.present).replace('{required}', d.required)));
  });
  var moved = function () {
    var a = document.activeElement;
    var typing = a && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName);
    if (!typing) return location.replace(page);
    var note = document.getElementById('moved-on');
    if (note) note.hidden = false;
  };
  ['opened', 'closed', 'agenda', 'motion', 'amendment', 'question', 'declared', 'procedural', 'minutes', 'resync']
    .forEach(function (type) { source.addEventListener(type, moved); });
})();
`;

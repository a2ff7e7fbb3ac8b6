import { listAlerts, type WitnessAlert } from '../app/federation/list-witness-alerts.ts';
import { EXIT, UsageError } from './command.ts';
import type { CliCommand } from './commands.ts';

const line = (a: WitnessAlert) =>
  `${a.at}  ${a.peer}  chain ${a.organisationId} entry ${a.seq} (${a.hash.slice(0, 16)}…)  ` +
  `${a.code}: ${a.reason}` +
  (a.repeats ? `  (again ${a.repeats} time${a.repeats === 1 ? '' : 's'}, last ${a.lastAt})` : '');

/**
 * `seconded federation alerts [--peer ORIGIN] [--json]`: the heads of peers' audit chains this
 * server refused to witness (docs/witnessed-chains.md), one line each, oldest first.
 */
export const federationCommand: CliCommand = {
  name: 'federation',
  summary: 'Show what federation with peer servers left for the administrator (alerts)',
  synopsis: 'alerts [--peer ORIGIN] [--json]',
  help: `alerts   lists the witness alerts: each head of a peer's audit chain this server refused
         to countersign (it went back, was rewritten, or was badly signed), with the peer, the
         chain (the organisation's id on the peer), the entry and hash its head named, what was
         wrong, and when. The same refusal coming again, and a peer's alerts past 20 in an hour,
         are counted on an alert already kept ("again N times") rather than listed anew.
  --peer ORIGIN  only that peer's alerts (https://party.example)
  --json         one JSON array instead of lines
Exits 0 whether or not there are alerts.`,
  options: { peer: { type: 'string' }, json: { type: 'boolean' } },
  positionals: ['what'],
  needs: 'app',
  async run({ values, positionals }, ctx) {
    if (positionals[0] !== 'alerts') throw new UsageError('Say what to show: alerts.');
    const peer = values.peer as string | undefined;
    if (peer !== undefined && !URL.canParse(peer)) {
      throw new UsageError('--peer takes a server origin, such as https://party.example.');
    }
    const alerts = await listAlerts(ctx, { peer });
    if (values.json) {
      console.log(JSON.stringify(alerts, null, 2));
    } else if (!alerts.length) {
      console.log('No witness alerts.');
    } else {
      for (const a of alerts) console.log(line(a));
    }
    return EXIT.ok;
  },
};

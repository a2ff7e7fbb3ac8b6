import { z } from '@hono/zod-openapi';
import {
  PRESET_NAMES,
  standingOrdersSchema,
  type StandingOrders,
} from '../../domain/organisations/standing-orders.ts';
import { action, field, formNumber, formTick, type FormFields } from '../action.ts';

/**
 * What people send about organisations, bodies, members and standing orders: one schema per
 * action, read by the JSON route and the HTML form alike (src/http/action.ts).
 */

export const SECRET_QUESTIONS = ['elections', 'no-confidence', 'discipline'] as const;

/** The standing orders form's field for each part of the rules, where the two differ. */
const RULES_FIELDS: Record<string, string> = {
  'quorum.kind': 'quorumKind',
  'quorum.members': 'quorumMembers',
  'quorum.of': 'quorumPercent',
};

/** Replacing a body's standing orders, every rule given. */
export const EditStandingOrders = action('StandingOrders', standingOrdersSchema, {
  fromForm: (f: FormFields) => {
    const n = (name: string) => formNumber(field(f, name));
    return {
      quorum:
        field(f, 'quorumKind') === 'fraction'
          ? { kind: 'fraction', of: n('quorumPercent') / 100 }
          : { kind: 'count', members: n('quorumMembers') },
      noticeDays: n('noticeDays'),
      emergencyMeetings: formTick(field(f, 'emergencyMeetings')),
      motionDeadlineDays: n('motionDeadlineDays'),
      whoMayMove: field(f, 'whoMayMove'),
      defaultThreshold: field(f, 'defaultThreshold'),
      tieRule: field(f, 'tieRule'),
      amendmentDepth: n('amendmentDepth'),
      amendmentOrder: field(f, 'amendmentOrder'),
      secretQuestions: SECRET_QUESTIONS.filter((q) => formTick(field(f, `secret.${q}`))),
    };
  },
  fieldOf: (path) => RULES_FIELDS[path] ?? path.split('.')[0]!,
  refusal: 'These standing orders are not valid.',
});

/** The standing orders as the form shows them (a fraction quorum as a percentage). */
export function rulesAsForm(r: StandingOrders): Record<string, string> {
  return {
    quorumKind: r.quorum.kind,
    quorumMembers: r.quorum.kind === 'count' ? String(r.quorum.members) : '',
    quorumPercent: r.quorum.kind === 'fraction' ? String(Math.round(r.quorum.of * 1000) / 10) : '',
    noticeDays: String(r.noticeDays),
    emergencyMeetings: r.emergencyMeetings ? '1' : '0',
    motionDeadlineDays: String(r.motionDeadlineDays),
    whoMayMove: r.whoMayMove,
    defaultThreshold: r.defaultThreshold,
    tieRule: r.tieRule,
    amendmentDepth: String(r.amendmentDepth),
    amendmentOrder: r.amendmentOrder,
    ...Object.fromEntries(
      SECRET_QUESTIONS.map((q) => [`secret.${q}`, r.secretQuestions.includes(q) ? '1' : '0']),
    ),
  };
}

/** Resetting a body's standing orders to a preset as shipped. */
export const ResetStandingOrders = action(
  'StandingOrdersReset',
  z.object({ preset: z.enum(PRESET_NAMES) }),
  { refusal: 'Choose a preset to reset to.' },
);

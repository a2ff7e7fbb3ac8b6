/**
 * Reserved seats: "at least K of the S seats go to candidates of group G" (for example, at
 * least 2 of 5 seats to women), as used by party and union rules for committee elections.
 *
 * Rule (DESIGN.md section 4): once the seats left equal the reserved places still unfilled,
 * every continuing candidate who cannot fill them (is not in the group) is excluded. Until
 * then, a candidate outside the group is not deemed elected if that would leave fewer seats
 * than reserved places unfilled; they wait, and are excluded when the condition above holds.
 * And a group candidate is not excluded as lowest if that would leave fewer group candidates
 * continuing than reserved places unfilled: the lowest of the others is excluded instead.
 * Several reservations are each applied in the same way.
 */
import { DomainError } from '../errors.ts';

export interface Reservation {
  /** A name for the group, for the count sheet ("women"). */
  readonly group: string;
  /** Candidates in the group. */
  readonly candidates: readonly number[];
  /** Seats reserved to the group (at least this many of them are elected). */
  readonly seats: number;
}

export function checkReservations(
  reservations: readonly Reservation[],
  seats: number,
  candidates: number,
): void {
  let total = 0;
  for (const r of reservations) {
    if (!Number.isInteger(r.seats) || r.seats < 1) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `reserved seats for ${r.group} must be at least 1`,
      );
    }
    if (r.candidates.some((c) => !Number.isInteger(c) || c < 0 || c >= candidates)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `reserved seats for ${r.group} name a candidate who is not standing`,
      );
    }
    total += r.seats;
  }
  if (total > seats) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${total} seats are reserved but only ${seats} are to be filled`,
    );
  }
}

/** Reserved places still unfilled for each reservation, given who has been elected. */
export function unfilled(
  reservations: readonly Reservation[],
  winners: readonly number[],
): number[] {
  return reservations.map((r) =>
    Math.max(0, r.seats - winners.filter((c) => r.candidates.includes(c)).length),
  );
}

/** Whether electing `c` now would leave fewer seats than reserved places still to fill. */
export function blocksReservation(
  reservations: readonly Reservation[],
  winners: readonly number[],
  seatsLeft: number,
  c: number,
): boolean {
  const open = unfilled(reservations, winners);
  return reservations.some(
    (r, i) => open[i]! > 0 && !r.candidates.includes(c) && seatsLeft - 1 < open[i]!,
  );
}

/**
 * The continuing candidates to exclude because the seats left are needed for a reservation,
 * with the reservation that requires it.
 */
export function excludedForReservations(
  reservations: readonly Reservation[],
  winners: readonly number[],
  seatsLeft: number,
  continuing: readonly number[],
): { candidates: number[]; group: string } | null {
  const open = unfilled(reservations, winners);
  for (let i = 0; i < reservations.length; i++) {
    const r = reservations[i]!;
    if (open[i]! > 0 && seatsLeft <= open[i]!) {
      const out = continuing.filter((c) => !r.candidates.includes(c));
      if (out.length) return { candidates: out, group: r.group };
    }
  }
  return null;
}

/** Whether excluding `c` would leave too few group candidates to fill the reserved places. */
export function protectedFromExclusion(
  reservations: readonly Reservation[],
  winners: readonly number[],
  continuing: readonly number[],
  c: number,
): boolean {
  const open = unfilled(reservations, winners);
  return reservations.some((r, i) => {
    if (open[i]! === 0 || !r.candidates.includes(c)) return false;
    const left = continuing.filter((d) => d !== c && r.candidates.includes(d)).length;
    return left < open[i]!;
  });
}

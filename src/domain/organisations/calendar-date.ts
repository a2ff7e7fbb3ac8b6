/**
 * Reads a calendar date as registers write it: `2023-02-28`, `2023-02-28 10:00:00`,
 * `2023-02-28T10:00:00Z`, or the UK day-first `28/02/2023`. Returns `YYYY-MM-DD`, or null
 * when the text is not a date that exists.
 */
export function parseCalendarDate(raw: string): string | null {
  const text = raw.trim();
  // Most registers already write YYYY-MM-DD: checked by arithmetic and kept as it is, with no
  // Date and no new string per row (years from 1000, where Date's calendar is the Gregorian one).
  if (ISO_DAY.test(text)) {
    const y = Number(text.slice(0, 4));
    const mo = Number(text.slice(5, 7));
    const d = Number(text.slice(8, 10));
    return mo >= 1 && mo <= 12 && d >= 1 && d <= monthLength(y, mo) ? text : null;
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (mo < 1 || mo > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ISO_DAY = /^[1-9]\d{3}-\d\d-\d\d$/;

/** Days in a month of the Gregorian calendar (a leap year: by 4, not by 100 unless by 400). */
function monthLength(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

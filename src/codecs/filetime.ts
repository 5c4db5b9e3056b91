// FILETIME (100 ns ticks since 1601-01-01 UTC) as an ISO 8601 string with all
// seven fractional digits. Date would lose the last four digits and cannot
// hold the far end of the u64 range, and a decoded blob must encode back to
// the same bytes, so the calendar arithmetic is done here on integers.

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_DAY = 86_400n * TICKS_PER_SECOND;
/** Days from 1601-01-01 to 1970-01-01, the epoch of the civil-date algorithm below. */
const DAYS_1601_TO_1970 = 134_774;
const MAX_U64 = 0xffff_ffff_ffff_ffffn;
const ISO = /^(\d{4}|\+\d{6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z$/;

/** `null` for 0, which Windows writes when detection never ran. */
export function filetimeToIso(filetime: bigint): string | null {
  if (filetime === 0n) return null;
  const days = Number(filetime / TICKS_PER_DAY);
  const inDay = filetime % TICKS_PER_DAY;
  const [year, month, day] = civilFromDays(days - DAYS_1601_TO_1970);
  const seconds = Number(inDay / TICKS_PER_SECOND);
  const fraction = Number(inDay % TICKS_PER_SECOND);
  // Years past 9999 (reachable with a garbage u64) take the expanded ISO form.
  const y = year <= 9999 ? String(year).padStart(4, '0') : `+${String(year).padStart(6, '0')}`;
  return `${y}-${two(month)}-${two(day)}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${String(fraction).padStart(7, '0')}Z`;
}

/**
 * Accepts the form filetimeToIso writes and shorter fractions ("…:56Z",
 * "…:56.123Z"), so a caller can pass a plain timestamp; throws RangeError for
 * anything else or a time a FILETIME cannot hold.
 */
export function isoToFiletime(iso: string | null): bigint {
  if (iso === null) return 0n;
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`"${iso}" is not an ISO 8601 UTC timestamp like 2024-01-31T12:00:00.0000000Z`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = BigInt((m[7] ?? '').padEnd(7, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`"${iso}" is not a valid date and time`);
  }
  const days = BigInt(daysFromCivil(year, month, day) + DAYS_1601_TO_1970);
  const ticks = days * TICKS_PER_DAY + BigInt(hour * 3600 + minute * 60 + second) * TICKS_PER_SECOND + fraction;
  if (ticks < 0n || ticks > MAX_U64) throw new RangeError(`"${iso}" is outside the range of a FILETIME`);
  return ticks;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Howard Hinnant's proleptic-Gregorian day algorithms (public domain), day 0 = 1970-01-01.
function civilFromDays(z: number): [number, number, number] {
  const shifted = z + 719_468;
  const era = Math.floor(shifted / 146_097);
  const doe = shifted - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

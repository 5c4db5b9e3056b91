// The publication date a service tags file carries in its name: ServiceTags_Public_20261116.json
// → 2026-11-16. Browsers add " (1)" to a second download, and admins rename copies
// (ServiceTags_Public_20261116-dc01.json): the date is the first _YYYYMMDD after the prefix.

const DATE_IN_NAME = /^ServiceTags_[A-Za-z]+_(\d{4})(\d{2})(\d{2})(?!\d)/i;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD, or null when the name (path allowed) carries no real date. */
export function fileDateFrom(fileName: string | undefined): string | null {
  if (!fileName) return null;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const match = DATE_IN_NAME.exec(base);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 20261131 over to December 1st: refuse dates that do not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Whole days from the file date to `now` (negative for a date in the future). */
export function fileAgeDays(fileDate: string, now: number): number {
  return Math.floor((now - Date.parse(`${fileDate}T00:00:00Z`)) / DAY_MS);
}

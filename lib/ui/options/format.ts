/**
 * Compact dates for the options page's tables and status lines: one short,
 * unwrapped line each ("12 Sep 2016", "today 14:02", "3 Dec, 09:15").
 */

/**
 * An article's date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as a short local date.
 * @returns '' for none; the input itself when it is not such a date.
 */
export function shortDate(date: string | undefined, locale?: string): string {
  if (!date) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  return at.toLocaleDateString(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    ...(d ? { day: 'numeric' } : {}),
  });
}

/**
 * A moment (an ISO timestamp) relative to `now`: "today 14:02", "yesterday 09:15",
 * "3 Dec, 09:15" this year, "3 Dec 2025" before.
 * @returns '' for none or an unreadable timestamp.
 */
export function shortMoment(iso: string | undefined, now = new Date(), locale?: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(at)) / 86_400_000);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `yesterday ${time}`;
  if (at.getFullYear() === now.getFullYear()) {
    return `${at.toLocaleDateString(locale, { day: 'numeric', month: 'short' })}, ${time}`;
  }
  return at.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * Compact dates for the options page's tables and status lines: one short,
 * unwrapped line each ("12 Sep 2016", "today 14:02", "3 Dec, 09:15").
 * Formatters are made once (../common/intl.ts): a table page formats 50 dates a render.
 */
import { dateFormat } from '../common/intl';

const DAY_UTC: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' };
const MONTH_UTC: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', month: 'short' };

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
  return dateFormat(locale, d ? DAY_UTC : MONTH_UTC).format(at);
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
  const time = dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(at)) / 86_400_000);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `yesterday ${time}`;
  if (at.getFullYear() === now.getFullYear()) {
    return `${dateFormat(locale, { day: 'numeric', month: 'short' }).format(at)}, ${time}`;
  }
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}

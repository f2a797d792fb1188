/**
 * Date and number formatters built once and reused. `Date.prototype.toLocaleDateString(locale, options)`
 * and `Number.prototype.toLocaleString(locale)` build a new ICU formatter on every call (V8 reuses one only
 * for a call with neither argument). Measured at 10,000 articles under load (tests/tools/options-scale.ts
 * --stacks): the dates of one page of 50 table rows took 20–100 ms of one main-thread task, and the dates under 12
 * popup results 30–45 ms, and the discarded formatters' clean-up ran as the page's longest tasks (garbage
 * collection's second-pass callbacks, up to 102 ms CPU). A reused formatter costs a fraction of a millisecond.
 */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The `Intl.DateTimeFormat` for `locale` (undefined: the browser's) and `options`, made once. */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** `n` with grouping ("9,898"), as `n.toLocaleString(locale)` writes it, with a formatter made once. */
export function formatCount(n: number, locale = 'en-US'): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

/** Prints benchmark results as an aligned plain-text table. */

/** One table row: column heading → value. */
export type Row = Record<string, string | number | null | undefined>;

/** A number for a table: thousands separated, at most `digits` decimals (fewer for big numbers). */
export function formatNumber(n: number, digits = 2): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const d = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? Math.min(1, digits) : digits;
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/**
 * Renders rows as a table: columns in first-seen order, numbers right-aligned, empty cells
 * for missing values. Returns the lines (the caller prints them).
 */
export function renderTable(rows: Row[]): string[] {
  if (!rows.length) return ['(no rows)'];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: Row[string]): string =>
    v === null || v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : v;
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const numeric = columns.map((c) =>
    rows.every((r) => r[c] === undefined || r[c] === null || typeof r[c] === 'number'),
  );
  const width = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(width[i]!) : v.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

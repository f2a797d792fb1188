/**
 * Command-line options of the bench's diagnostic tools (a test helper, not shipped).
 */

/**
 * Takes `name <number>` out of `args` (so what is left are the positional arguments) and returns the
 * number, or `fallback` when the option is absent.
 */
export function takeNumberOption(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
}

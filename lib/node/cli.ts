/**
 * The command-line tool: `npm run corpus -- build <inputs…> --out pack.json`.
 * Argument parsing only (node:util parseArgs); the work is in build-command.ts.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBuild, type ConsoleLike } from './build-command';
import { packGenerator } from '../import/pack-segment';

/** The text `--help` prints. */
export const HELP = `Build a Dossier pack from your own articles.

Usage:
  npm run corpus -- build <inputs…> [--out pack.json] [options]

Inputs are files, folders (searched recursively) or glob patterns:
  .txt            plain text; the first line is the title when it reads like one
  .md             Markdown; the first "# heading" is the title
  .html, .htm     a saved web page; the article is found with Readability
  .jsonl(.gz)     one {"id", "title", "date", "url", "text"} per line; ids are kept

Options:
  -o, --out <file>   where to write the pack (default: pack.json)
      --strict       write nothing if any file or line is bad (default: skip the bad ones)
      --limit <n>    read at most n documents from each .jsonl file
  -h, --help         show this help

A bad file or line is reported with its name and line number and skipped; the exit code
is then 1 (also without --strict), so scripts notice.

Example:
  npm run corpus -- build ~/articles ../feeds/news.jsonl --out my-pack.json`;

/**
 * Runs the tool with `argv` (without node and the script) and returns the exit code:
 * 0 success, 1 bad inputs, 2 bad command line.
 */
export async function runCli(argv: string[], io: ConsoleLike = console): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o', default: 'pack.json' },
        strict: { type: 'boolean', default: false },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.warn(`${(err as Error).message}\nRun with --help to see the options.`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...inputs] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    // No command at all is a usage error: help goes to stderr and the exit code says so.
    if (command === undefined && !values.help) {
      io.warn(HELP);
      return 2;
    }
    io.log(HELP);
    return 0;
  }
  if (command !== 'build') {
    io.warn(`Unknown command "${command}". The only command is "build"; run with --help for usage.`);
    return 2;
  }
  if (!inputs.length) {
    io.warn('Give at least one input file or folder, e.g. npm run corpus -- build articles/ --out pack.json');
    return 2;
  }
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      io.warn(`--limit wants a whole number of documents above 0, not "${values.limit}".`);
      return 2;
    }
  }
  const cmd = {
    inputs,
    out: values.out,
    strict: values.strict,
    generator: packGenerator(`dossier-cli ${packageVersion()}`),
  };
  const { code } = await runBuild(limit === undefined ? cmd : { ...cmd, limit }, io);
  return code;
}

function packageVersion(): string {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

const isMain = process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exitCode = 1;
    },
  );
}

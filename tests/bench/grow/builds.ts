/**
 * The two extension builds the grow bench compares: "before" (today's full
 * rebuild: main at a fixed commit, built once in a temporary git worktree under
 * `.cache/grow/`, or any build given by `DOSSIER_BEFORE_EXTENSION_DIR`) and
 * "after" (the current tree's `.output/chrome-mv3`, or `DOSSIER_EXTENSION_DIR`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The commit the "before" build is made from unless `DOSSIER_GROW_BEFORE_REF` names another. */
export const DEFAULT_BEFORE_REF = '725268a';

/** One build to measure. */
export interface Build {
  label: 'before' | 'after';
  dir: string;
  /** Where it came from, for the report. */
  origin: string;
}

const manifestIn = (dir: string): boolean => existsSync(path.join(dir, 'manifest.json'));

/**
 * The "before" build: `DOSSIER_BEFORE_EXTENSION_DIR`, else `.cache/grow/before-<ref>/.output/chrome-mv3`,
 * made on first use (git worktree at `ref`, a hard-linked copy of node_modules, `wxt build`; ~1 min).
 * @throws when the worktree or the build fails, with the command's output.
 */
export function beforeBuild(root: string, log: (line: string) => void): Build {
  const given = process.env.DOSSIER_BEFORE_EXTENSION_DIR;
  if (given) {
    if (!manifestIn(given)) throw new Error(`DOSSIER_BEFORE_EXTENSION_DIR=${given}: no manifest.json there`);
    return { label: 'before', dir: path.resolve(given), origin: `DOSSIER_BEFORE_EXTENSION_DIR=${given}` };
  }
  const ref = process.env.DOSSIER_GROW_BEFORE_REF ?? DEFAULT_BEFORE_REF;
  const tree = path.join(root, '.cache', 'grow', `before-${ref}`);
  const dir = path.join(tree, '.output', 'chrome-mv3');
  if (manifestIn(dir))
    return { label: 'before', dir, origin: `main at ${ref} (built in ${path.relative(root, tree)})` };
  const run = (cmd: string, args: string[], cwd: string): void => {
    try {
      execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(
        `grow: \`${cmd} ${args.join(' ')}\` in ${cwd} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`,
      );
    }
  };
  if (!existsSync(path.join(tree, 'package.json'))) {
    log(`grow: making a worktree of ${ref} in ${path.relative(root, tree)}`);
    run('git', ['worktree', 'add', '--detach', tree, ref], root);
  }
  if (!existsSync(path.join(tree, 'node_modules'))) {
    // A hard-linked copy: the old commit's lockfile is the same or close, and nothing is downloaded.
    run('cp', ['-al', path.join(root, 'node_modules'), path.join(tree, 'node_modules')], root);
  }
  log(`grow: building ${ref} (the "before" build)`);
  run('npx', ['wxt', 'build'], tree);
  if (!manifestIn(dir)) throw new Error(`grow: the build of ${ref} wrote no ${dir}/manifest.json`);
  return { label: 'before', dir, origin: `main at ${ref} (built in ${path.relative(root, tree)})` };
}

/** Newest modification time under `dir` (files only; node_modules and dot folders skipped). */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The "after" build: `DOSSIER_EXTENSION_DIR` or `.output/chrome-mv3` (`npm run build` first), with a
 * warning when lib/ or entrypoints/ changed after it was built.
 */
export function afterBuild(root: string): Build | { missing: string } {
  const dir = process.env.DOSSIER_EXTENSION_DIR ?? path.join(root, '.output', 'chrome-mv3');
  if (!manifestIn(dir)) return { missing: `no build at ${dir}: run \`npm run build\` first` };
  return { label: 'after', dir: path.resolve(dir), origin: process.env.DOSSIER_EXTENSION_DIR ?? 'the current tree' };
}

/** A warning when the current tree's sources are newer than its build, else null. */
export function staleWarning(root: string, build: Build): string | null {
  if (process.env.DOSSIER_EXTENSION_DIR) return null;
  const built = statSync(path.join(build.dir, 'manifest.json')).mtimeMs;
  const changed = Math.max(newestMtime(path.join(root, 'lib')), newestMtime(path.join(root, 'entrypoints')));
  return changed > built
    ? 'WARNING: lib/ or entrypoints/ changed after .output/chrome-mv3 was built: run `npm run build`'
    : null;
}

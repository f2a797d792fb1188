/**
 * Turns the command line's input arguments into files: plain files as given, directories
 * searched recursively for supported files, and glob patterns (`*`, `?`, `**`, `{a,b}`)
 * matched by our own small matcher (Node 20 has no fs.glob). Node only.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputIssue } from './input-result';
import { inputExtension, SUPPORTED_EXTENSIONS } from './inputs';

/** The files to read, in argument order without repeats, and the arguments that gave none. */
export interface ExpandedInputs {
  files: string[];
  issues: InputIssue[];
}

const GLOB_CHARS = /[*?{[]/;

/** Expands input arguments (files, directories, globs) to the files to read. Never throws. */
export async function expandInputs(args: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const issues: InputIssue[] = [];
  const add = (f: string): void => {
    if (!files.includes(f)) files.push(f);
  };
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = (await walk(arg)).filter((f) => inputExtension(f));
      if (!found.length) issues.push(error(arg, `no ${SUPPORTED_EXTENSIONS.join(', ')} files in this folder`));
      found.forEach(add);
    } else if (info) {
      if (inputExtension(arg)) add(arg);
      else issues.push(error(arg, `unsupported file type; give ${SUPPORTED_EXTENSIONS.join(', ')} files`));
    } else if (GLOB_CHARS.test(arg)) {
      const found = await glob(arg);
      if (!found.length) issues.push(error(arg, 'no supported file matches this pattern'));
      found.forEach(add);
    } else {
      issues.push(error(arg, 'no such file or folder'));
    }
  }
  return { files, issues };
}

/** Every file under `dir`, sorted; hidden entries and node_modules are left out. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Supported files matching a glob pattern, e.g. `articles/**\/*.md`. */
async function glob(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const re = globToRegExp(parts.slice(firstGlob).join('/'));
  const files = await walk(base);
  return files.filter((f) => re.test(path.relative(base, f).split(path.sep).join('/')) && inputExtension(f));
}

/** A glob (relative, `/`-separated) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') i++;
      re += '(?:.*/)?' + (i + 1 >= glob.length ? '.*' : '');
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',' && re.includes('(?:')) re += '|';
    else re += c.replace(/[.+^$()|\\[\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function error(file: string, message: string): InputIssue {
  return { file, severity: 'error', message };
}

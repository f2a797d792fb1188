/**
 * Chromium keeps the service-worker script it first registered in a profile
 * (`Default/Service Worker/ScriptCache`), even after the unpacked extension's
 * files change: a profile made with one build and launched with another runs
 * the old build's worker, and every figure measured on it is the old build's.
 * The tools that reuse a profile (tests/tools/restart-profile.ts,
 * options-scale.ts) check it here before launching.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The id Chromium gives an unpacked extension loaded from `dir` (SHA-256 of its absolute path, a–p digits). */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return hex.replace(/./g, (h) => String.fromCharCode(97 + parseInt(h, 16)));
}

/** What a profile holds of the extension's worker script. */
export type WorkerScriptCheck = { ok: true; why: 'no registration' | 'same script' } | { ok: false; why: string };

/**
 * Whether the profile `profileDir` would run the worker script of the unpacked extension `extensionDir`:
 * true when the profile has no cached worker script for that extension yet (it will register this one), or
 * when the cached script is byte for byte the extension's `background.js`.
 */
export function checkProfileWorker(profileDir: string, extensionDir: string): WorkerScriptCheck {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
  };
  const script = manifest.background?.service_worker;
  if (!script) return { ok: true, why: 'no registration' };
  const body = readFileSync(path.join(extensionDir, script));
  const url = Buffer.from(`chrome-extension://${unpackedExtensionId(extensionDir)}/${script}`);
  const cache = path.join(profileDir, 'Default', 'Service Worker', 'ScriptCache');
  if (!existsSync(cache)) return { ok: true, why: 'no registration' };
  // Simple-cache entries: the files `<hash>_0`, `<hash>_1`… of one entry hold its key (the script URL) and body.
  const entries = new Map<string, Buffer[]>();
  for (const name of readdirSync(cache)) {
    const match = /^([0-9a-f]{16})_\d+$/.exec(name);
    if (match) entries.set(match[1]!, [...(entries.get(match[1]!) ?? []), readFileSync(path.join(cache, name))]);
  }
  let registered = false;
  for (const files of entries.values()) {
    if (!files.some((f) => f.includes(url))) continue;
    registered = true;
    if (files.some((f) => f.includes(body))) return { ok: true, why: 'same script' };
  }
  if (!registered) return { ok: true, why: 'no registration' };
  return {
    ok: false,
    why:
      `the profile ${profileDir} holds another ${script} for ${url.toString()} than ${path.join(extensionDir, script)}: ` +
      'Chromium keeps the first worker script registered in a profile, so this run would measure the build the ' +
      'profile was made with. Make a new profile with this build (tests/tools/options-scale.ts --profile NEW_DIR), ' +
      'or pass the extension directory the profile was made with.',
  };
}

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProfileWorker, unpackedExtensionId } from '../support/profile-worker';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** An unpacked extension whose worker is `script`, and a profile whose script cache holds `cached` for it. */
async function setup(script: string, cached?: string): Promise<{ profile: string; extension: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'profile-worker-'));
  dirs.push(root);
  const extension = path.join(root, 'ext');
  const profile = path.join(root, 'profile');
  await mkdir(extension);
  await writeFile(path.join(extension, 'manifest.json'), JSON.stringify({ background: { service_worker: 'bg.js' } }));
  await writeFile(path.join(extension, 'bg.js'), script);
  const cache = path.join(profile, 'Default', 'Service Worker', 'ScriptCache');
  await mkdir(cache, { recursive: true });
  if (cached !== undefined) {
    const url = `chrome-extension://${unpackedExtensionId(extension)}/bg.js`;
    // As Chromium stores it: the body in one file of the entry, the key (URL) in another.
    await writeFile(path.join(cache, '0123456789abcdef_0'), `\u0001header\u0000body:${cached}\u0000trailer`);
    await writeFile(path.join(cache, '0123456789abcdef_1'), `\u0001meta${url}\u0000`);
  }
  return { profile, extension };
}

describe('checkProfileWorker', () => {
  it('computes the id Chromium gives an unpacked extension', () => {
    // Chromium loaded /tmp/uil/ext as this id (seen in its profile).
    expect(unpackedExtensionId('/tmp/uil/ext')).toBe('ngdococjdmadgkpegommlijlmmbmeaal');
  });

  it('accepts a profile with no worker registered yet, or with the same script', async () => {
    const fresh = await setup('console.log("new build")');
    expect(checkProfileWorker(fresh.profile, fresh.extension)).toEqual({ ok: true, why: 'no registration' });
    const same = await setup('console.log("new build")', 'console.log("new build")');
    expect(checkProfileWorker(same.profile, same.extension)).toEqual({ ok: true, why: 'same script' });
  });

  it('refuses a profile that keeps another build’s worker, saying what to do', async () => {
    const { profile, extension } = await setup('console.log("new build")', 'console.log("old build")');
    const check = checkProfileWorker(profile, extension);
    expect(check.ok).toBe(false);
    expect(check.why).toMatch(/keeps the first worker script registered/);
    expect(check.why).toMatch(/options-scale\.ts --profile/);
  });
});

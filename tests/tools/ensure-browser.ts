/**
 * `npm run pretest:e2e`: makes sure a Chromium exists for the browser tests and
 * says which one. Order: env DOSSIER_CHROMIUM, Debian's /usr/lib/chromium,
 * Playwright's own. When none is found it installs one: `apt-get install -y
 * chromium` when running as root with apt-get, else `npx playwright install chromium`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../support/browser';
import type { FoundChromium } from '../support/browser';

/** Runs a command with inherited output; true when it exits 0. */
function run(command: string, args: string[]): boolean {
  console.log(`ensure-browser: $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

const hasAptGet = (): boolean => ['/usr/bin/apt-get', '/bin/apt-get'].some((path) => existsSync(path));

/** Tries the installers this machine allows, best first. */
function install(): void {
  if (process.getuid?.() === 0 && hasAptGet()) {
    // The package lists may be missing on a fresh image; update once and retry.
    if (run('apt-get', ['install', '-y', 'chromium'])) return;
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium'])) return;
  }
  run('npx', ['playwright', 'install', 'chromium']);
}

function report(found: FoundChromium): void {
  console.log(`ensure-browser: using Chromium from ${found.source}: ${found.path}`);
}

function main(): number {
  const found = findChromium();
  if (found) {
    report(found);
    return 0;
  }
  console.log('ensure-browser: no Chromium found; installing one');
  install();
  const installed = findChromium();
  if (installed) {
    report(installed);
    return 0;
  }
  console.error(
    [
      'ensure-browser: no Chromium available for the browser tests. Do one of:',
      '  - Debian/Ubuntu as root: apt-get install -y chromium',
      '  - anywhere: npx playwright install chromium',
      '  - point DOSSIER_CHROMIUM at a Chromium or Chrome for Testing binary',
      '    (branded Google Chrome ignores --load-extension since version 137).',
    ].join('\n'),
  );
  return 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`ensure-browser: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

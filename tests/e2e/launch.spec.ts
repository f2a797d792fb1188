// `npm start` (tests/tools/launch.ts): a clear message without a display, a
// useful headless mode, and a clean stop on SIGTERM and SIGINT.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { PROJECT_ROOT } from '../support/static-server';

const SHOT = join(PROJECT_ROOT, '.output', 'launch.png');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs launch.ts with `args` and `env`; `onOutput` may signal the process. */
function runLaunch(
  args: string[],
  env: NodeJS.ProcessEnv,
  onOutput?: (out: string, pid: number) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/tools/launch.ts', ...args], {
      cwd: PROJECT_ROOT,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onOutput?.(stdout, child.pid!);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function withoutDisplay(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

test('without a display it says how to run, before launching anything', async () => {
  test.skip(process.platform !== 'linux', 'displays are checked on Linux');
  const run = await runLaunch([], withoutDisplay());
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('xvfb-run npm start');
  expect(run.stderr).toContain('npm start -- --headless');
  expect(run.stderr).not.toMatch(/launchPersistentContext|^\s+at /m);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`--headless saves the card's screenshot, and ${signal} closes the browser cleanly`, async () => {
    test.setTimeout(90_000);
    rmSync(SHOT, { force: true });
    let sent = false;
    const run = await runLaunch(['--headless', '--keep-open'], withoutDisplay(), (out, pid) => {
      if (!sent && out.includes('running headless')) {
        sent = true;
        process.kill(pid, signal);
      }
    });
    expect(run.stdout).toContain('the page with its card');
    expect(existsSync(SHOT)).toBe(true);
    expect(sent).toBe(true);
    expect(run.stdout).toContain(`${signal}, closing the browser`);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/^\s+at |Error/m);
  });
}

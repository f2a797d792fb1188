/**
 * A browser permission prompt that cannot hang the page. `permissions.request`
 * may never settle (headless Chromium never shows the prompt; a prompt can be
 * lost behind another window), so every request here races a timeout and a
 * cancel the user can press, and says plainly which of them ended it.
 */
import { signal } from '@preact/signals';

/** How a permission request ended. */
export type PromptOutcome =
  | { answer: 'granted' }
  | { answer: 'refused' }
  | { answer: 'timeout'; afterMs: number }
  | { answer: 'cancelled' }
  | { answer: 'failed'; message: string };

/** How long the page waits for an answer by default, ms. */
export const PROMPT_TIMEOUT_MS = 60_000;

/** A pending prompt: what it is for and how to give up on it. */
export interface PendingPrompt {
  /** The site asked for, e.g. `news.example.com`. */
  host: string;
  /** Gives up waiting: the request ends as `cancelled`. */
  cancel(): void;
}

/**
 * Waits for `request` (already started: call it first thing in the click
 * handler, the prompt needs the user's gesture) at most `timeoutMs`.
 * @param cancelled settles when the user gives up (the outcome is then `cancelled`).
 */
export async function awaitPrompt(
  request: Promise<boolean>,
  options: { timeoutMs?: number; cancelled?: Promise<void> } = {},
): Promise<PromptOutcome> {
  const timeoutMs = options.timeoutMs ?? PROMPT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<PromptOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ answer: 'timeout', afterMs: timeoutMs }), timeoutMs);
  });
  const answered = request.then(
    (granted): PromptOutcome => ({ answer: granted ? 'granted' : 'refused' }),
    (error: unknown): PromptOutcome => ({
      answer: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }),
  );
  const racers = [answered, timedOut];
  if (options.cancelled) racers.push(options.cancelled.then((): PromptOutcome => ({ answer: 'cancelled' })));
  try {
    return await Promise.race(racers);
  } finally {
    clearTimeout(timer);
  }
}

/** What to tell the user about an outcome that is not `granted`, for the site `host`. */
export function promptMessage(outcome: PromptOutcome, host: string): string {
  switch (outcome.answer) {
    case 'granted':
      return '';
    case 'refused':
      return `${host}: the browser refused access — Dossier may only read this site if you allow it when asked.`;
    case 'timeout':
      return (
        `${host}: the browser's permission prompt got no answer in ${Math.round(outcome.afterMs / 1000)} s. ` +
        'Try again; if no prompt appears, allow the site in the extension’s details (Site access).'
      );
    case 'cancelled':
      return `${host}: you stopped waiting for the permission prompt; nothing was fetched.`;
    case 'failed':
      return `${host}: the browser could not ask for access (${outcome.message}).`;
  }
}

/**
 * The one prompt a panel may be waiting for, as a signal for its view, and
 * {@link awaitPrompt} bound to it (with a cancel the view's button calls).
 */
export function createPromptTracker(timeoutMs = PROMPT_TIMEOUT_MS) {
  const pending = signal<PendingPrompt | null>(null);
  async function track(host: string, request: Promise<boolean>): Promise<PromptOutcome> {
    let cancel: () => void = () => undefined;
    const cancelled = new Promise<void>((resolve) => (cancel = resolve));
    const mine: PendingPrompt = { host, cancel };
    pending.value = mine;
    try {
      return await awaitPrompt(request, { timeoutMs, cancelled });
    } finally {
      if (pending.value === mine) pending.value = null;
    }
  }
  return { pending, track };
}

export type PromptTracker = ReturnType<typeof createPromptTracker>;

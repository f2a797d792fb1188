/**
 * The subscriptions panel's state. Subscribing asks the browser for access to
 * the pack's site first, synchronously inside the click (a permission request
 * needs the user's gesture), with a timeout and a cancel (the prompt may never
 * be answered); a declined request still lets a publisher that allows
 * cross-origin reads work, and a failed download says what to do.
 */
import { signal } from '@preact/signals';
import type { Subscription } from '../../subscriptions/types';
import { createPromptTracker, promptMessage, PROMPT_TIMEOUT_MS } from '../options/permission-prompt';

/** What the model needs; injected so tests need no browser. */
export interface SubscriptionsApi {
  list(): Promise<Subscription[]>;
  add(url: string): Promise<Subscription>;
  remove(id: string): Promise<unknown>;
  check(id: string): Promise<Subscription>;
  /** Asks for `<origin>/*`; must be called before any `await` in a click handler. */
  requestPermission(origin: string): Promise<boolean>;
  /** How long to wait for the permission prompt's answer, ms (default {@link PROMPT_TIMEOUT_MS}). */
  promptTimeoutMs?: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the model. */
export function createSubscriptionsModel(api: SubscriptionsApi) {
  const items = signal<Subscription[]>([]);
  const problem = signal<string | null>(null);
  /** Ids being checked, and "add" while subscribing. */
  const working = signal<ReadonlySet<string>>(new Set());
  const prompt = createPromptTracker(api.promptTimeoutMs ?? PROMPT_TIMEOUT_MS);
  const mark = (id: string, on: boolean) => {
    const next = new Set(working.value);
    if (on) next.add(id);
    else next.delete(id);
    working.value = next;
  };
  async function load(): Promise<void> {
    try {
      items.value = await api.list();
    } catch (error) {
      problem.value = message(error);
    }
  }
  async function run(id: string, task: () => Promise<unknown>): Promise<void> {
    problem.value = null;
    mark(id, true);
    try {
      await task();
    } catch (error) {
      problem.value = message(error);
    } finally {
      mark(id, false);
    }
    await load();
  }
  return {
    items,
    problem,
    working,
    /** The permission prompt a subscription waits for, if any (with its cancel). */
    pendingPrompt: prompt.pending,
    load,
    /** Subscribes to `input`; call straight from the click or submit handler. */
    add: (input: string): Promise<void> => {
      let url: URL;
      try {
        url = new URL(input.trim());
      } catch {
        problem.value = `“${input.trim()}” is not a web address; paste the full https://… address of the pack.`;
        return Promise.resolve();
      }
      const permission = api.requestPermission(url.origin);
      return run('add', async () => {
        // A refusal (or a request the browser rejects) still lets a publisher that allows
        // cross-origin reads work; no answer in time, or the user's cancel, stops here.
        const outcome = await prompt.track(url.host, permission);
        if (outcome.answer === 'timeout' || outcome.answer === 'cancelled') {
          throw new Error(promptMessage(outcome, url.host));
        }
        await api.add(input.trim());
      });
    },
    remove: (id: string) => run(id, () => api.remove(id)),
    check: (id: string) => run(id, () => api.check(id)),
  };
}

export type SubscriptionsModel = ReturnType<typeof createSubscriptionsModel>;

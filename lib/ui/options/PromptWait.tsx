import type { JSX } from 'preact';
import type { PendingPrompt } from './permission-prompt';

/** "Waiting for your answer…" while a permission prompt is open, with the way out. */
export function PromptWait({ prompt }: { prompt: PendingPrompt | null }): JSX.Element | null {
  if (!prompt) return null;
  return (
    <div class="alert alert-info prompt-wait" role="status">
      <div class="alert-body">
        <span class="spinner" aria-hidden="true" />
        Waiting for your answer to the browser’s request to read <strong>{prompt.host}</strong>…
      </div>
      <button type="button" class="small" onClick={() => prompt.cancel()}>
        Stop waiting
      </button>
    </div>
  );
}

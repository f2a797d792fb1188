import type { JSX } from 'preact';
import type { ReaderModel } from './reader-model';
import { ReaderView } from './ReaderView';

export interface ReaderProps {
  model: ReaderModel;
}

/** The reader page's body, connected to its model. */
export function Reader({ model }: ReaderProps): JSX.Element {
  const state = model.state.value;
  if (state.status === 'loading') return <p class="hint">Loading the article…</p>;
  if (state.status === 'error')
    return (
      <p class="hint error" role="alert">
        {state.message}
      </p>
    );
  return <ReaderView view={state.view} target={state.target} />;
}

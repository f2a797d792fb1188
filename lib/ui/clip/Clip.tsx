import type { JSX } from 'preact';
import type { ClipModel } from './clip-model';
import { ClipView } from './ClipView';

export interface ClipProps {
  model: ClipModel;
  showStart: boolean;
  openInReader: (docId: string) => void;
}

/** {@link ClipView} bound to its model. */
export function Clip({ model, showStart, openInReader }: ClipProps): JSX.Element {
  return (
    <section class="clip" aria-label="Add this page">
      <ClipView
        state={model.state.value}
        showStart={showStart}
        onRead={() => void model.read()}
        onImport={() => void model.importArticle()}
        onCancel={() => void model.cancel()}
        openInReader={openInReader}
      />
    </section>
  );
}

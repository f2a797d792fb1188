import { render } from 'preact';
import { request } from '../../lib/messages/client';
import { Documents } from '../../lib/ui/documents/Documents';
import { createDocumentsModel } from '../../lib/ui/documents/documents-model';
import '../../lib/ui/styles/options.css';

const documents = createDocumentsModel(() => request('documents.list', {}));
void documents.load();

render(
  <main class="options">
    <header>
      <h1>Dossier</h1>
      <p class="hint">Your corpus stays in this browser. No page text ever leaves it.</p>
    </header>
    <Documents model={documents} />
  </main>,
  document.getElementById('app')!,
);

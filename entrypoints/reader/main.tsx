import { render } from 'preact';
import { startPageSession } from '../../lib/content/page-session';
import { request } from '../../lib/messages/client';
import { fetchNameTable } from '../../lib/messages/names';
import { loadSettings } from '../../lib/settings/settings-store';
import { Reader } from '../../lib/ui/reader/Reader';
import { createReaderModel, parseReaderAddress, passageOfHash } from '../../lib/ui/reader/reader-model';
import '../../lib/ui/styles/reader.css';

const model = createReaderModel((docId) => request('document.get', { docId }));
const { docId, at, passage } = parseReaderAddress(location.search, location.hash);
render(<Reader model={model} />, document.getElementById('app')!);

addEventListener('hashchange', () => model.goTo(passageOfHash(location.hash)));
void model.load(docId, at, passage).then(async () => {
  if (model.state.value.status !== 'ready') return;
  document.title = `${model.state.value.view.document.title} — Dossier`;
  // The article's names are marked and hoverable exactly as on any web page.
  const [table, settings] = await Promise.all([
    fetchNameTable((payload) => request('names.get', payload)),
    loadSettings(),
  ]);
  await startPageSession(document, {
    names: table.names,
    showDelay: settings.hoverDelayMs,
    highlightStyle: settings.highlightStyle,
    caseSensitive: settings.caseSensitive,
  });
});

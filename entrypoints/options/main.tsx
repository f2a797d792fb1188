import { render } from 'preact';
import { watchCorpusVersion } from '../../lib/messages/corpus-version';
import { connectCorpusFile, connectDocuments } from '../../lib/ui/documents/connect';
import { CorpusFile } from '../../lib/ui/documents/CorpusFile';
import { Documents } from '../../lib/ui/documents/Documents';
import { connectEntities } from '../../lib/ui/entities/connect';
import { Entities } from '../../lib/ui/entities/Entities';
import { connectImport } from '../../lib/ui/import/connect';
import { ImportPanel } from '../../lib/ui/import/ImportPanel';
import { connectSettings } from '../../lib/ui/settings/connect';
import { Settings } from '../../lib/ui/settings/Settings';
import { connectStorage } from '../../lib/ui/storage/connect';
import { StoragePanel } from '../../lib/ui/storage/StoragePanel';
import { connectSubscriptions } from '../../lib/ui/subscriptions/connect';
import { Subscriptions } from '../../lib/ui/subscriptions/Subscriptions';
import '../../lib/ui/styles/options.css';

const documents = connectDocuments();
const entities = connectEntities();
const corpusFile = connectCorpusFile();
const settings = connectSettings();
const subscriptions = connectSubscriptions();
const storage = connectStorage();

const refresh = () => Promise.all([documents.load(), entities.load(), subscriptions.load(), storage.load()]);
const importer = connectImport(async () => void (await refresh()));
void refresh();
settings.start();
// Any swap (an edit here, an import, a subscription check) announces a new version.
watchCorpusVersion(() => void refresh());

render(
  <main class="options">
    <header>
      <h1>Dossier</h1>
      <p class="hint">Your corpus stays in this browser. No page text ever leaves it.</p>
    </header>
    <ImportPanel model={importer} />
    <StoragePanel model={storage} />
    <Documents model={documents} />
    <Entities model={entities} />
    <CorpusFile model={corpusFile} />
    <Subscriptions model={subscriptions} />
    <Settings model={settings} />
  </main>,
  document.getElementById('app')!,
);

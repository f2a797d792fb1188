import { render } from 'preact';
import { watchCorpusVersion } from '../../lib/messages/corpus-version';
import { connectCorpusFile, connectDocuments } from '../../lib/ui/documents/connect';
import { CorpusFile } from '../../lib/ui/documents/CorpusFile';
import { Documents } from '../../lib/ui/documents/Documents';
import { connectEntities } from '../../lib/ui/entities/connect';
import { Entities } from '../../lib/ui/entities/Entities';
import { connectImport } from '../../lib/ui/import/connect';
import { ImportPanel } from '../../lib/ui/import/ImportPanel';
import { guardUnload } from '../../lib/ui/options/leave-guard';
import { OptionsApp } from '../../lib/ui/options/OptionsApp';
import { followSection } from '../../lib/ui/options/sections';
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
// `storage` is read by `refresh` only when it runs, after it is created below.
const refresh = () => Promise.all([documents.load(), entities.load(), subscriptions.load(), storage.load()]);
const importer = connectImport(async () => void (await refresh()));
const storage = connectStorage(() => importer.run.value.status === 'running');
void refresh();
settings.start();
// Any swap (an edit here, an import, a subscription check) announces a new version.
watchCorpusVersion(() => void refresh());
// Closing the tab mid-import would stop it (its worker lives in this page): ask first.
guardUnload(window, () => importer.run.value.status === 'running');

const { section } = followSection(window);
const documentCount = () => documents.table.shown.value?.page.all ?? null;

render(
  <OptionsApp
    section={section}
    sections={{
      import: () => ({
        content: <ImportPanel model={importer} />,
        badge: importer.run.value.status === 'running' ? 'running' : null,
        busy: true,
      }),
      corpus: () => ({ content: <Documents model={documents} />, badge: documentCount() }),
      entities: () => ({ content: <Entities model={entities} />, badge: entities.table.shown.value?.page.all ?? null }),
      subscriptions: () => ({
        content: <Subscriptions model={subscriptions} />,
        badge: subscriptions.items.value.length || null,
      }),
      settings: () => ({ content: <Settings model={settings} /> }),
      storage: () => ({
        content: (
          <>
            <StoragePanel model={storage} />
            <CorpusFile model={corpusFile} />
          </>
        ),
      }),
    }}
  />,
  document.getElementById('app')!,
);

import { render } from 'preact';
import { request } from '../../lib/messages/client';
import { sendToActiveTab } from '../../lib/messages/tab-client';
import { loadSettings, updateSettings } from '../../lib/settings/settings-store';
import { createOnPageModel } from '../../lib/ui/on-page/on-page-model';
import { PopupApp } from '../../lib/ui/popup/PopupApp';
import { createSearchModel } from '../../lib/ui/search/search-model';
import '../../lib/ui/styles/popup.css';

const search = createSearchModel({ search: (query) => request('search', { query, limit: 40 }) });
const onPage = createOnPageModel({
  pageStatus: () => sendToActiveTab('page.entities', {}),
  entityRefs: (ids) => (ids.length ? request('entities.get', { ids: ids.slice(0, 1000) }) : Promise.resolve([])),
  reveal: (entityId) => sendToActiveTab('page.reveal', { entityId }),
  loadSettings,
  saveSettings: updateSettings,
});
void onPage.load();
render(<PopupApp search={search} onPage={onPage} />, document.getElementById('app')!);

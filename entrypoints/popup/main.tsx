import { render } from 'preact';
import { activeTab } from '../../lib/clip/clip-tab';
import { request } from '../../lib/messages/client';
import { collectFrameReports, sendToActiveTab } from '../../lib/messages/tab-client';
import { loadSettings, updateSettings } from '../../lib/settings/settings-store';
import { connectClip } from '../../lib/ui/clip/connect';
import { createOnPageModel } from '../../lib/ui/on-page/on-page-model';
import { PopupApp } from '../../lib/ui/popup/PopupApp';
import { lastQueryMemory } from '../../lib/ui/search/last-query';
import { createSearchModel } from '../../lib/ui/search/search-model';
import '../../lib/ui/styles/popup.css';
import '../../lib/ui/styles/clip.css';

// The same page serves as the full-size search in a tab (popup.html?tab=1&q=…).
const params = new URLSearchParams(location.search);
const inTab = params.get('tab') === '1';
document.documentElement.classList.toggle('in-tab', inTab);

const memory = lastQueryMemory(localStorage);
const search = createSearchModel({
  search: (query, filters, limit) => request('search', { query, limit, ...filters }),
  card: (entityId) => request('entity.card', { entityId }),
  memory: inTab ? { load: () => params.get('q') ?? '', save: memory.save } : memory,
});
const onPage = inTab
  ? null
  : createOnPageModel({
      pageStatus: () => sendToActiveTab('page.entities', {}),
      entityRefs: (ids) => (ids.length ? request('entities.get', { ids: ids.slice(0, 1000) }) : Promise.resolve([])),
      frameReports: collectFrameReports,
      reveal: (entityId, frameId) => sendToActiveTab('page.reveal', { entityId }, frameId),
      loadSettings,
      saveSettings: updateSettings,
    });
void onPage?.load();
const clip = inTab ? null : connectClip(activeTab);
render(
  <PopupApp
    search={search}
    onPage={onPage}
    clip={clip}
    openInReader={(docId, at) => void request('tabs.open', { page: 'reader', docId, at })}
    close={() => window.close()}
  />,
  document.getElementById('app')!,
);

import { render } from 'preact';
import { request } from '../../lib/messages/client';
import { Clip } from '../../lib/ui/clip/Clip';
import { connectClip } from '../../lib/ui/clip/connect';
import '../../lib/ui/styles/popup.css';
import '../../lib/ui/styles/clip.css';

// The window the page's context menu opens (lib/background/clip-menu.ts): clip.html?tab=<id>.
const tabId = Number(new URLSearchParams(location.search).get('tab'));
const clip = connectClip(() => Promise.resolve(Number.isInteger(tabId) && tabId >= 0 ? { id: tabId } : null));
void clip.read();
render(
  <main>
    <h1 class="clip-window-title">Add this page to Dossier</h1>
    <Clip
      model={clip}
      showStart={false}
      openInReader={(docId) => void request('tabs.open', { page: 'reader', docId })}
    />
  </main>,
  document.getElementById('app')!,
);

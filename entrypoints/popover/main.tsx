import { render } from 'preact';
import { request } from '../../lib/messages/client';
import { mountPopoverFrame } from '../../lib/ui/popover/frame';
import { createPopoverModel } from '../../lib/ui/popover/popover-model';
import { Popover } from '../../lib/ui/popover/Popover';
import '../../lib/ui/styles/popover.css';

const model = createPopoverModel({
  byToken: (token) => request('popover.card', { token }),
  related: (entityId) => request('entity.card', { entityId }),
});
const root = document.getElementById('app')!;
render(
  <Popover
    model={model}
    onOpenReader={(docId, at) => void request('tabs.open', { page: 'reader', docId, at })}
    onSearch={(query) => void request('tabs.open', { page: 'search', query })}
    more={(token, list, from) => request('card.more', { token, list, from })}
  />,
  root,
);
mountPopoverFrame(window, root, model);

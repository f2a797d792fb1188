import { render } from 'preact';
import { request } from '../../lib/messages/client';
import { Search } from '../../lib/ui/search/Search';
import { createSearchModel } from '../../lib/ui/search/search-model';
import '../../lib/ui/styles/popup.css';

const model = createSearchModel({ search: (query) => request('search', { query, limit: 40 }) });
render(<Search model={model} />, document.getElementById('app')!);

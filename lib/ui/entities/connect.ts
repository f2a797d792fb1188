/** The entity editor's model wired to the background, for the options page. */
import { request } from '../../messages/client';
import { createEntitiesModel } from './entities-model';

/** The entity editor, talking to the background. */
export function connectEntities() {
  return createEntitiesModel({
    list: (query) => request('entities.list', query ? { query, limit: 200 } : { limit: 200 }),
    edit: (edits) => request('entity.edit', { edits }),
  });
}

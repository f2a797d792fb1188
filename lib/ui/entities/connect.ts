/** The entity editor's model wired to the background, for the options page. */
import { request } from '../../messages/client';
import { createEntitiesModel } from './entities-model';

/** The entity editor, talking to the background. */
export function connectEntities() {
  return createEntitiesModel({
    page: (query) => request('corpus.entities', query),
    get: (entityId) => request('corpus.entity', { entityId }),
    find: (query, exclude) =>
      request('corpus.findEntity', exclude ? { query, exclude, limit: 12 } : { query, limit: 12 }),
    edit: (edits) => request('entity.edit', { edits }),
  });
}

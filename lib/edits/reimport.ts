import type { Edit } from './types';

/**
 * The edit log without the deletions of documents the user imports again:
 * importing an article you had deleted means you want it back, so the old
 * `docDelete` must not remove it a second time. Other edits stay.
 */
export function forgetDeletions<E extends Edit>(log: readonly E[], importedIds: Iterable<string>): E[] {
  const ids = new Set(importedIds);
  return log.filter((e) => !(e.op === 'docDelete' && ids.has(e.docId)));
}

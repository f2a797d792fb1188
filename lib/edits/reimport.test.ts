import { describe, expect, it } from 'vitest';
import { forgetDeletions } from './reimport';
import type { Edit } from './types';

describe('forgetDeletions', () => {
  it('drops the deletions of re-imported documents and keeps everything else', () => {
    const log: Edit[] = [
      { op: 'docDelete', docId: 'a' },
      { op: 'docDelete', docId: 'b' },
      { op: 'hide', entityId: 'x' },
    ];
    expect(forgetDeletions(log, ['a', 'zzz'])).toEqual([log[1], log[2]]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Pack } from '../pack/types';
import { makeTestPack } from '../query/test-pack';
import type { StoreStatus } from '../store/types';
import { CorpusHolder } from './corpus-holder';

const emptyStatus: StoreStatus = { generation: null, counts: null, createdAt: null, lastImport: null };

function holder(active: () => Promise<{ generation: string; pack: Pack } | null>, versions: string[] = []) {
  const bundled = makeTestPack();
  bundled.documents = bundled.documents.slice(0, 1);
  return new CorpusHolder({
    readActive: active,
    storeStatus: () => Promise.resolve(emptyStatus),
    loadBundled: () => Promise.resolve(bundled),
    loaded: (v) => (versions.push(v), Promise.resolve()),
  });
}

describe('CorpusHolder', () => {
  it('answers from the bundled pack while the store is empty, then from the new generation after reload', async () => {
    let active: { generation: string; pack: Pack } | null = null;
    const versions: string[] = [];
    const h = holder(() => Promise.resolve(active), versions);
    expect((await h.corpus()).pack.documents).toHaveLength(1);
    active = { generation: 'g-1', pack: makeTestPack() };
    expect((await h.corpus()).pack.documents).toHaveLength(1); // cached until told
    expect(await h.reload()).toMatchObject({ source: 'store', generation: 'g-1', counts: { documents: 2 } });
    expect((await h.corpus()).pack.documents).toHaveLength(2);
    expect(versions).toEqual(['bundled', 'g-1']);
  });

  it('falls back to the bundled pack, and says why, when the store cannot be read', async () => {
    const h = holder(() => Promise.reject(new Error('Dossier store: generation g-1: checksum mismatch')));
    expect(await h.status()).toMatchObject({
      source: 'bundled',
      loadError: 'Dossier store: generation g-1: checksum mismatch',
    });
  });
});

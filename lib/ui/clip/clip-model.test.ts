import { describe, expect, it } from 'vitest';
import type { ClippedArticle } from '../../clip/extract';
import type { ImportBatch } from '../../import/merge';
import type { ImportResult } from '../../import/run-import';
import { clipId, createClipModel, type ClipApi } from './clip-model';

const article: ClippedArticle = {
  title: 'Quota talks stall',
  text: 'First paragraph.\nSecond paragraph.',
  source: 'The Harbour Gazette',
  date: '2024-03-14',
  url: 'https://harbour.example/quota',
  wordCount: 4,
};
const result: ImportResult = { generation: 'g2', added: 1, skipped: [], total: 4, ms: 10 };

function api(overrides: Partial<ClipApi> = {}): ClipApi & { batches: ImportBatch[]; changes: () => number } {
  const batches: ImportBatch[] = [];
  let changes = 0;
  return {
    batches,
    changes: () => changes,
    extract: () => Promise.resolve({ ok: true, article }),
    check: () => Promise.resolve(null),
    start: (batch, onProgress) => {
      batches.push(batch);
      onProgress({ phase: 'building', done: 0, total: 4 });
      return { done: Promise.resolve(result), cancel: () => Promise.resolve(false) };
    },
    changed: () => {
      changes++;
      return Promise.resolve();
    },
    ...overrides,
  };
}

describe('clip model', () => {
  it('previews the article, imports it as one document and reloads the corpus', async () => {
    const io = api();
    const model = createClipModel(io);
    await model.read();
    expect(model.state.value).toMatchObject({ status: 'preview', duplicate: null, article });
    await model.importArticle();
    expect(io.batches).toEqual([
      {
        docs: [
          {
            id: clipId(article),
            title: 'Quota talks stall',
            text: 'First paragraph.\nSecond paragraph.',
            source: 'The Harbour Gazette',
            date: '2024-03-14',
            url: 'https://harbour.example/quota',
          },
        ],
        packs: [],
      },
    ]);
    expect(io.changes()).toBe(1);
    expect(model.state.value).toMatchObject({ status: 'done', result, docId: clipId(article) });
  });

  it('does not import what the corpus already has', async () => {
    const io = api({ check: () => Promise.resolve({ docId: 'd1', title: 'Quota talks stall', reason: 'url' }) });
    const model = createClipModel(io);
    await model.read();
    expect(model.state.value).toMatchObject({ status: 'preview', duplicate: { docId: 'd1', reason: 'url' } });
    await model.importArticle();
    expect(io.batches).toEqual([]);
    expect(model.state.value.status).toBe('preview');
  });

  it('says why a page cannot be clipped', async () => {
    const model = createClipModel(api({ extract: () => Promise.resolve({ ok: false, problem: 'pdf' }) }));
    await model.read();
    expect(model.state.value).toEqual({
      status: 'problem',
      message: 'This is a PDF. Dossier clips web pages; save the text and import it on the options page.',
    });
  });

  it('reports a failed import with the importer’s message and keeps the article', async () => {
    const io = api({
      start: () => ({
        done: Promise.reject(new Error('Nothing new to import: the article is already in the corpus.')),
        cancel: () => Promise.resolve(false),
      }),
    });
    const model = createClipModel(io);
    await model.read();
    await model.importArticle();
    expect(model.state.value).toEqual({
      status: 'failed',
      article,
      message: 'Nothing new to import: the article is already in the corpus.',
    });
  });

  it('gives the same page the same document id, and another page another', () => {
    expect(clipId(article)).toBe(clipId({ ...article, text: 'changed' }));
    expect(clipId(article)).not.toBe(clipId({ ...article, url: 'https://harbour.example/other' }));
  });
});

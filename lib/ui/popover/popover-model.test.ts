import { describe, expect, it } from 'vitest';
import { CorpusQuery } from '../../query/corpus-query';
import { makeTestPack } from '../../query/test-pack';
import { createPopoverModel } from './popover-model';

const corpus = CorpusQuery.fromPack(makeTestPack());

describe('popover model', () => {
  it('fetches by token, and by id only the entities a shown card links to', async () => {
    const asked: string[] = [];
    const model = createPopoverModel({
      byToken: async (token) => (asked.push(`token ${token}`), corpus.card('tom-berg')),
      related: async (id) => (asked.push(`id ${id}`), corpus.card(id)),
    });
    await model.showRelated('ana-ruiz', 'Ana Ruiz');
    expect(asked).toEqual([]);
    expect(model.state.value.status).toBe('idle');

    await model.show('t1', 'tom-berg', 'Berg');
    expect(model.state.value).toMatchObject({ status: 'ready', card: { entity: { id: 'tom-berg' } } });
    const related = (await corpus.card('tom-berg')).related.map((r) => r.id);
    expect(related.length).toBeGreaterThan(0);
    await model.showRelated(related[0]!, 'x');
    expect(model.state.value).toMatchObject({ status: 'ready', card: { entity: { id: related[0] } } });
    expect(asked).toEqual(['token t1', `id ${related[0]}`]);
    // The same name hovered again brings a new token and a card ranked by its own context, not the kept one.
    await model.show('t2', 'tom-berg', 'Berg');
    expect(asked).toEqual(['token t1', `id ${related[0]}`, 'token t2']);
  });

  it('shows the background’s refusal as an error', async () => {
    const model = createPopoverModel({
      byToken: () => Promise.reject(new Error('Dossier: nothing to show here')),
      related: () => Promise.reject(new Error('unused')),
    });
    await model.show('t', 'x', 'Someone');
    expect(model.state.value).toEqual({
      status: 'error',
      surface: 'Someone',
      message: 'Dossier: nothing to show here',
    });
  });
});

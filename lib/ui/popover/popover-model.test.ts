import { describe, expect, it } from 'vitest';
import { CorpusQuery } from '../../query/corpus-query';
import { makeTestPack } from '../../query/test-pack';
import { MAX_PRELOADED, createPopoverModel } from './popover-model';

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

  it('renders a preloaded card while hidden, and its show asks for nothing more', async () => {
    const asked: string[] = [];
    const model = createPopoverModel({
      byToken: async (token) => (asked.push(token), corpus.card('tom-berg')),
      related: () => Promise.reject(new Error('unused')),
    });
    expect(await model.preload('t1')).toBe(true);
    expect(model.renderedToken()).toBe('t1');
    expect(model.isVisible()).toBe(false);
    const rendered = model.state.value;
    expect(rendered).toMatchObject({ status: 'ready', card: { entity: { id: 'tom-berg' } } });
    await model.show('t1', 'tom-berg', 'Berg');
    expect(model.state.value).toBe(rendered); // no new state: nothing re-renders
    expect(model.isVisible()).toBe(true);
    expect(asked).toEqual(['t1']); // the token is spent once
  });

  it('only fetches a preload while a card shows, and uses it for that token’s show', async () => {
    const asked: string[] = [];
    const model = createPopoverModel({
      byToken: async (token) => (asked.push(token), corpus.card(token === 'a' ? 'tom-berg' : 'ana-ruiz')),
      related: () => Promise.reject(new Error('unused')),
    });
    await model.show('a', 'tom-berg', 'Berg');
    expect(await model.preload('b')).toBe(false);
    expect(model.state.value).toMatchObject({ status: 'ready', card: { entity: { id: 'tom-berg' } } });
    await model.show('b', 'ana-ruiz', 'Ruiz');
    expect(model.state.value).toMatchObject({ status: 'ready', card: { entity: { id: 'ana-ruiz' } } });
    expect(asked).toEqual(['a', 'b']);
    // A show of a token that was never preloaded asks for it, as before.
    await model.show('c', 'tom-berg', 'Berg');
    expect(asked).toEqual(['a', 'b', 'c']);
  });

  it('a preload that fails shows its error only when its show comes', async () => {
    const model = createPopoverModel({
      byToken: () => Promise.reject(new Error('Dossier: nothing to show here')),
      related: () => Promise.reject(new Error('unused')),
    });
    expect(await model.preload('t')).toBe(false);
    expect(model.state.value).toEqual({ status: 'idle' });
    await model.show('t', 'x', 'Someone');
    expect(model.state.value).toMatchObject({ status: 'error', message: 'Dossier: nothing to show here' });
  });

  it('keeps at most MAX_PRELOADED preloads; a hide drops what the hidden frame rendered', async () => {
    const asked: string[] = [];
    const model = createPopoverModel({
      byToken: async (token) => (asked.push(token), corpus.card('tom-berg')),
      related: () => Promise.reject(new Error('unused')),
    });
    await model.show('shown', 'tom-berg', 'Berg'); // visible: preloads are only fetched
    const tokens = Array.from({ length: MAX_PRELOADED + 1 }, (_, i) => `p${i}`);
    await Promise.all(tokens.map((t) => model.preload(t)));
    for (const t of tokens) await model.show(t, 'tom-berg', 'Berg');
    // The oldest was dropped: its show asked again (and a real background would refuse the spent token).
    expect(asked.filter((t) => t === 'p0')).toHaveLength(2);
    expect(asked.filter((t) => t === `p${MAX_PRELOADED}`)).toHaveLength(1);
    model.hide();
    expect(await model.preload('q')).toBe(true);
    model.hide();
    expect(model.renderedToken()).toBeNull();
    expect(model.state.value).toEqual({ status: 'idle' });
  });
});

import { describe, expect, it } from 'vitest';
import type { EntityOnPageView } from '../../messages/protocol';
import { DEFAULT_SETTINGS } from '../../settings/settings';
import { createOnPageModel } from './on-page-model';

const mark = (entityId: string, count: number): EntityOnPageView => ({ entityId, type: 'person', count });

describe('the popup’s view of the page', () => {
  it('adds the marks of child frames to the top frame’s, and reveals each where it is', async () => {
    const revealed: [string, number][] = [];
    let report: ((frameId: number, entities: EntityOnPageView[]) => void) | undefined;
    const model = createOnPageModel({
      pageStatus: () => Promise.resolve({ host: 'news.example', active: true, entities: [mark('kerry', 1)] }),
      frameReports: (onReport) => {
        report = onReport;
        return Promise.resolve(() => undefined);
      },
      entityRefs: (ids) => Promise.resolve(ids.map((id) => ({ id, name: id.toUpperCase(), type: 'person' as const }))),
      reveal: (entityId, frameId) => Promise.resolve(revealed.push([entityId, frameId])),
      loadSettings: () => Promise.resolve(DEFAULT_SETTINGS),
      saveSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    });
    await model.load();
    report!(3, [mark('lavrov', 2), mark('kerry', 1)]);
    await expect
      .poll(() => (model.state.value.status === 'ready' ? model.state.value.entities : []))
      .toEqual([
        { ...mark('kerry', 2), name: 'KERRY' },
        { ...mark('lavrov', 2), name: 'LAVROV' },
      ]);
    await model.reveal('lavrov');
    await model.reveal('kerry');
    expect(revealed).toEqual([
      ['lavrov', 3],
      ['kerry', 0],
    ]);
  });
});

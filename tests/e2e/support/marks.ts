/**
 * What Dossier has marked on a page, read the way the page could: from the
 * CSS Custom Highlight registry (marks are not elements).
 */
import type { Frame } from '@playwright/test';

/** The texts Dossier has marked in a frame (the hovered-name highlight left out), sorted. */
export function markedTexts(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const texts: string[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('dossier-') || name === 'dossier-active') continue;
      for (const r of highlight) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        texts.push(range.toString());
      }
    }
    return texts.sort();
  });
}

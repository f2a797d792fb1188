import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTION, SECTIONS, followSection, sectionFromHash, sectionHref, type HashSource } from './sections';

describe('the options sections', () => {
  it('reads the section from the address fragment', () => {
    for (const s of SECTIONS) expect(sectionFromHash(sectionHref(s.id))).toBe(s.id);
    expect(sectionFromHash('entities')).toBe('entities');
    expect(sectionFromHash('#Settings')).toBe('settings');
    expect(sectionFromHash('#settings/sites')).toBe('settings');
    expect(sectionFromHash('#documents')).toBe('corpus');
    expect(sectionFromHash('#export')).toBe('storage');
  });

  it('falls back to the default section for an empty or unknown fragment', () => {
    expect(sectionFromHash('')).toBe(DEFAULT_SECTION);
    expect(sectionFromHash('#')).toBe(DEFAULT_SECTION);
    expect(sectionFromHash('#nothing-here')).toBe(DEFAULT_SECTION);
    expect(sectionFromHash('#%E0%A4%A')).toBe(DEFAULT_SECTION);
  });

  it('follows hash changes until stopped', () => {
    const listeners = new Set<() => void>();
    const source: HashSource & { location: { hash: string } } = {
      location: { hash: '#import' },
      addEventListener: (_type, l) => void listeners.add(l),
      removeEventListener: (_type, l) => void listeners.delete(l),
    };
    const { section, stop } = followSection(source);
    expect(section.value).toBe('import');
    source.location.hash = '#storage';
    listeners.forEach((l) => l());
    expect(section.value).toBe('storage');
    stop();
    expect(listeners.size).toBe(0);
  });
});

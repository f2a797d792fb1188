import type { JSX } from 'preact';
import type { SearchFacets, SearchFilters } from '../../messages/protocol';
import type { EntityType } from '../../pack/types';

export interface SearchFiltersViewProps {
  facets: SearchFacets;
  filters: SearchFilters;
  onChange: <K extends keyof SearchFilters>(key: K, value: SearchFilters[K] | undefined) => void;
}

const TYPE_LABELS: Record<EntityType, string> = {
  person: 'People',
  organization: 'Organisations',
  place: 'Places',
  other: 'Other',
};

/** Type, speaker and article filters, offering only values the query matched. */
export function SearchFiltersView({ facets, filters, onChange }: SearchFiltersViewProps): JSX.Element | null {
  const type = filters.types?.[0] ?? '';
  if (facets.types.length + facets.speakers.length + facets.documents.length === 0 && !type) return null;
  return (
    <div class="filters" role="group" aria-label="Filters">
      <select
        aria-label="Type"
        value={type}
        onChange={(e) => {
          const v = e.currentTarget.value as EntityType | '';
          onChange('types', v ? [v] : undefined);
        }}
      >
        <option value="">Any type</option>
        {facets.types.map((t) => (
          <option key={t.type} value={t.type}>
            {TYPE_LABELS[t.type]} ({t.count})
          </option>
        ))}
      </select>
      <select
        aria-label="Speaker"
        value={filters.speakerId ?? ''}
        onChange={(e) => onChange('speakerId', e.currentTarget.value || undefined)}
      >
        <option value="">Any speaker</option>
        {facets.speakers.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.count})
          </option>
        ))}
      </select>
      <select
        aria-label="Article"
        value={filters.docId ?? ''}
        onChange={(e) => onChange('docId', e.currentTarget.value || undefined)}
      >
        <option value="">Any article</option>
        {facets.documents.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title} ({d.count})
          </option>
        ))}
      </select>
    </div>
  );
}

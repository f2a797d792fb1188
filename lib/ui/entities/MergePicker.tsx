import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { EntitySummary } from '../../query/corpus-tables';
import { formatCount } from '../common/intl';

export interface MergePickerProps {
  /** Id prefix for the box, its list and options. */
  id: string;
  query: string;
  /** Entities matching `query`; null when nothing was asked yet (or the list is closed). */
  options: EntitySummary[] | null;
  chosen: EntitySummary | null;
  onQuery: (text: string) => void;
  onChoose: (entity: EntitySummary) => void;
}

/**
 * The merge target: a combobox (ARIA 1.2, list autocomplete) that searches
 * every entity of the corpus as the user types. Arrow keys move through the
 * matches, Enter chooses one, Escape closes the list; the number of matches
 * is announced.
 */
export function MergePicker({ id, query, options, chosen, onQuery, onChoose }: MergePickerProps): JSX.Element {
  const [active, setActive] = useState(0);
  const open = options !== null && options.length > 0;
  const listId = `${id}-options`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
    if (!options?.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entity = options[Math.min(active, options.length - 1)];
      if (entity) onChoose(entity);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onQuery('');
    }
  };
  return (
    <div class="merge-picker">
      <input
        id={id}
        name="into"
        role="combobox"
        aria-label="Merge into"
        aria-autocomplete="list"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(Math.min(active, options.length - 1)) : undefined}
        autocomplete="off"
        placeholder="Type a name: every entity is searched"
        value={query}
        onInput={(e) => {
          setActive(0);
          onQuery(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Matching entities" class="merge-options" hidden={!open}>
        {(options ?? []).map((e, i) => (
          <li
            key={e.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active ? 'true' : 'false'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChoose(e)}
          >
            {e.name}
            <span class="muted">
              {e.type} · {formatCount(e.mentionCount)} mentions
              {e.aliases.length ? ` · also ${e.aliases.slice(0, 3).join(', ')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <p class="visually-hidden" role="status">
        {options === null
          ? ''
          : options.length === 0
            ? 'No entity matches'
            : `${options.length} ${options.length === 1 ? 'entity matches' : 'entities match'}; arrow keys to move, Enter to choose`}
      </p>
      {chosen ? (
        <p class="hint" data-testid="merge-target">
          Merge target: {chosen.name} ({chosen.type}, {formatCount(chosen.mentionCount)} mentions)
        </p>
      ) : null}
    </div>
  );
}

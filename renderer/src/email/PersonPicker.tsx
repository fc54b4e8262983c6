import { useEffect, useId, useState } from 'react';
import { personName } from '../model/names';
import type { StoredPerson } from '../store/catalogSlice';
import { useAppStoreApi } from '../store/context';

/** Who an email is previewed for: the sample profile, or a stored person found by id, email or name. */
export function PersonPicker({
  person,
  onChoose,
}: {
  person: StoredPerson | null;
  onChoose: (person: StoredPerson | null) => void;
}) {
  const store = useAppStoreApi();
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<StoredPerson[]>([]);
  useEffect(() => {
    if (query.trim() === '') {
      setFound([]);
      return;
    }
    let current = true;
    // A pause after the last key: one search per word typed, not per letter.
    const timer = setTimeout(() => {
      store
        .getState()
        .findPeople(query)
        .then((people) => current && setFound(people))
        .catch(() => current && setFound([]));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [store, query]);
  const shown = person ? personName(person.userId, person.traits) : null;
  return (
    <div className="person-picker">
      <label className="field__label" htmlFor={`${id}-search`}>
        Preview for
      </label>
      <div className="person-picker__chosen" data-testid="preview-person">
        {shown ? (
          <>
            <span>
              <strong>{shown.title}</strong> <span className="person-picker__quiet">{shown.subtitle}</span>
            </span>
            <button type="button" className="link-button" onClick={() => onChoose(null)}>
              Use the sample
            </button>
          </>
        ) : (
          <span className="person-picker__quiet">A sample profile (Ada, founder at Acme)</span>
        )}
      </div>
      <input
        id={`${id}-search`}
        className="input"
        type="search"
        placeholder="Find a person by id, email or name…"
        value={query}
        data-testid="preview-search"
        // Only while the list is there: aria-controls must name an element that exists.
        aria-controls={found.length > 0 ? `${id}-found` : undefined}
        onChange={(event) => setQuery(event.target.value)}
      />
      {found.length > 0 && (
        <ul className="person-picker__found" id={`${id}-found`} aria-label="People found">
          {found.slice(0, 8).map((candidate) => {
            const name = personName(candidate.userId, candidate.traits);
            return (
              <li key={candidate.userId}>
                <button
                  type="button"
                  className="person-picker__option"
                  data-testid={`preview-person-${candidate.userId}`}
                  onClick={() => {
                    onChoose(candidate);
                    setQuery('');
                  }}
                >
                  <strong>{name.title}</strong> <span className="person-picker__quiet">{name.subtitle}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {query.trim() !== '' && found.length === 0 && <p className="person-picker__quiet">Nobody found yet.</p>}
    </div>
  );
}

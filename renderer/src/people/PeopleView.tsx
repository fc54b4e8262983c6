import './people.css';
import '../ui/views.css';
import { memo, useEffect } from 'react';
import { personName } from '../model/names';
import { useAppStore, useAppStoreApi } from '../store/context';
import type { PersonRow } from '../store/peopleSlice';
import { useTypedSearch } from '../ui/useTypedSearch';
import { When } from '../ui/When';
import { PersonTimeline } from './PersonTimeline';

/** Everyone DripAgent has heard of, and one person's story: what they did, what we decided, what we sent. */
export function PeopleView() {
  const store = useAppStoreApi();
  const people = useAppStore((state) => state.people);
  const load = useAppStore((state) => state.peopleLoad);
  const personId = useAppStore((state) => state.personId);
  // Searches as the user types, a moment after the last key; the engine's pushes bring new people.
  const [query, setQuery] = useTypedSearch(
    store.getState().peopleQuery,
    (text) => void store.getState().searchPeople(text),
    { searchFirst: true },
  );
  useEffect(() => store.getState().watchPeople(), [store]);

  return (
    <section className="view" aria-labelledby="people-title" data-testid="people-view">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="people-title">
            People
          </h1>
          <p className="view__subtitle">Find someone to see what they did, which emails they got, and why.</p>
        </div>
      </header>
      <div className="split">
        <div className="split__list people-list">
          <label className="people-search">
            <span className="visually-hidden">Search people</span>
            <input
              className="input"
              type="search"
              placeholder="Search by name, email or user ID"
              data-testid="people-search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </label>
          {load.status === 'error' && (
            <p className="panel-message" role="alert">
              Could not search: {load.error}
            </p>
          )}
          {load.status === 'ready' && people.length === 0 && (
            <p className="panel-message people-list__empty" data-testid="people-empty">
              {query.trim()
                ? `Nobody matches “${query.trim()}”.`
                : 'Nobody yet. People appear here when your product sends their first event (see Settings).'}
            </p>
          )}
          <ul className="people-list__items" aria-label="People" data-testid="people-list">
            {people.map((person) => (
              <PersonItem
                key={person.userId}
                person={person}
                selected={person.userId === personId}
                onOpen={(id) => store.getState().selectPerson(id)}
              />
            ))}
          </ul>
        </div>
        <div className="split__detail">
          {personId ? (
            <PersonTimeline />
          ) : (
            <p className="panel-message people-hint">Choose someone on the left to see their timeline.</p>
          )}
        </div>
      </div>
    </section>
  );
}

const PersonItem = memo(function PersonItem({
  person,
  selected,
  onOpen,
}: {
  person: PersonRow;
  selected: boolean;
  onOpen: (userId: string) => void;
}) {
  const { title, subtitle } = personName(person.userId, person.traits);
  return (
    <li>
      <button
        type="button"
        className="list-row"
        aria-current={selected ? 'true' : undefined}
        data-testid={`person-${person.userId}`}
        onClick={() => onOpen(person.userId)}
      >
        <span className="person-item__name">{title}</span>
        <span className="person-item__meta">
          <span className="person-item__sub">{subtitle}</span>
          <span className="person-item__seen">
            <When at={person.lastSeen} relativeOnly />
          </span>
        </span>
      </button>
    </li>
  );
});

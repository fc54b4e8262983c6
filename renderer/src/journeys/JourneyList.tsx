import './journeys.css';
import { memo, useEffect, useRef, useState } from 'react';
import type { JourneySummary, Problem } from '../../../shared/api';
import { useAppStore, useAppStoreApi } from '../store/context';
import type { JourneyTemplate } from '../store/journeysSlice';
import {
  selectJourneyList,
  selectJourneyListLoad,
  selectNodeCount,
  selectSelectedJourneyId,
  selectSelectJourney,
} from '../store/selectors';
import { downloadText } from '../ui/download';
import { Icon } from '../ui/Icon';
import { Modal } from '../ui/Modal';
import { StatusBadge } from '../ui/StatusBadge';
import { DomainWarning } from './DomainWarning';

type Dialog =
  | { kind: 'create' }
  | { kind: 'rename'; journey: JourneySummary }
  | { kind: 'delete'; journey: JourneySummary }
  | { kind: 'import-problems'; fileName: string; text: string; problems: Problem[]; canReplace: boolean }
  | null;

/** The sidebar list of journeys with status, and what can be done with them. */
export function JourneyList() {
  const journeys = useAppStore(selectJourneyList);
  const load = useAppStore(selectJourneyListLoad);
  const selectedId = useAppStore(selectSelectedJourneyId);
  const select = useAppStore(selectSelectJourney);
  const store = useAppStoreApi();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const importText = async (fileName: string, text: string, replace = false) => {
    setMessage(null);
    try {
      const result = await store.getState().importJourney(text, replace);
      if (result.imported) {
        setDialog(null);
        setMessage(`Imported ${fileName}.`);
      } else {
        const canReplace = result.problems.some((problem) => /already exists/.test(problem.message));
        setDialog({ kind: 'import-problems', fileName, text, problems: result.problems, canReplace });
      }
    } catch (error) {
      setDialog({
        kind: 'import-problems',
        fileName,
        text,
        problems: [{ severity: 'error', message: (error as Error).message }],
        canReplace: false,
      });
    }
  };

  // Plain comparison: the first localeCompare builds a collator, a cost the first paint need not pay.
  const byName = (a: JourneySummary, b: JourneySummary) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  const sorted = [...journeys].sort(byName);

  return (
    <nav className="journey-list" aria-label="Journeys">
      <div className="journey-list__header">
        <h2 className="sidebar-heading">Journeys</h2>
        <div className="journey-list__actions">
          <button
            type="button"
            className="button button--small"
            data-testid="import-journey"
            onClick={() => fileInput.current?.click()}
          >
            <Icon name="upload" size={14} /> Import
          </button>
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="new-journey"
            onClick={() => setDialog({ kind: 'create' })}
          >
            <Icon name="plus" size={14} /> New
          </button>
        </div>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Journey file to import"
          data-testid="import-file"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) await importText(file.name, await file.text());
          }}
        />
      </div>
      <DomainWarning />
      {load.status === 'error' && (
        <p className="journey-list__message journey-list__message--error" role="alert">
          Could not load journeys: {load.error}
        </p>
      )}
      {message && (
        <p className="journey-list__message" role="status" data-testid="list-message">
          {message}
        </p>
      )}
      {load.status === 'ready' && journeys.length === 0 && <p className="journey-list__message">No journeys yet.</p>}
      <ul data-testid="journey-list">
        {sorted.map((journey) => (
          <JourneyItem
            key={journey.id}
            journey={journey}
            selected={journey.id === selectedId}
            onSelect={select}
            onRename={() => setDialog({ kind: 'rename', journey })}
            onDelete={() => setDialog({ kind: 'delete', journey })}
          />
        ))}
      </ul>
      <JourneyDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        onReplace={(fileName, text) => importText(fileName, text, true)}
        onDeleted={(name, people) =>
          setMessage(
            `Deleted “${name}”.${people > 0 ? ` ${people.toLocaleString()} ${people === 1 ? 'person' : 'people'} left it.` : ''}`,
          )
        }
      />
    </nav>
  );
}

const JourneyItem = memo(function JourneyItem({
  journey,
  selected,
  onSelect,
  onRename,
  onDelete,
}: {
  journey: JourneySummary;
  selected: boolean;
  onSelect: (id: string) => void;
  onRename: () => void;
  onDelete: () => void;
}) {
  const store = useAppStoreApi();
  const [menu, setMenu] = useState(false);
  return (
    <li className={`journey-row${selected ? ' journey-row--selected' : ''}`}>
      <button
        type="button"
        className="journey-item"
        data-testid={`journey-item-${journey.id}`}
        aria-current={selected ? 'page' : undefined}
        onClick={() => onSelect(journey.id)}
      >
        <span className="journey-item__name">{journey.name}</span>
        <span className="journey-item__meta">
          <StatusBadge status={journey.status} />
          <NodeCount id={journey.id} />
          {journey.latestVersion !== null && <span className="journey-item__version">v{journey.latestVersion}</span>}
        </span>
      </button>
      <div className="journey-row__menu">
        <button
          type="button"
          className="icon-button"
          aria-label={`More actions for ${journey.name}`}
          aria-expanded={menu}
          data-testid={`journey-menu-${journey.id}`}
          onClick={() => setMenu((open) => !open)}
        >
          <Icon name="more" />
        </button>
        {menu && (
          // The menu closes when focus leaves it.
          <div
            className="menu"
            role="menu"
            onBlur={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setMenu(false);
            }}
            onKeyDown={(event) => event.key === 'Escape' && setMenu(false)}
          >
            <button
              type="button"
              role="menuitem"
              data-testid="menu-rename"
              onClick={() => {
                setMenu(false);
                onRename();
              }}
            >
              Rename
            </button>
            <button
              type="button"
              role="menuitem"
              data-testid="menu-duplicate"
              onClick={() => {
                setMenu(false);
                void store.getState().duplicateJourney(journey.id);
              }}
            >
              Duplicate
            </button>
            <button
              type="button"
              role="menuitem"
              data-testid="menu-export"
              onClick={async () => {
                setMenu(false);
                const file = await store.getState().exportJourney(journey.id);
                downloadText(file.fileName, file.text);
              }}
            >
              Export
            </button>
            <button
              type="button"
              role="menuitem"
              className="menu__danger"
              data-testid="menu-delete"
              onClick={() => {
                setMenu(false);
                onDelete();
              }}
            >
              Delete…
            </button>
          </div>
        )}
      </div>
    </li>
  );
});

function NodeCount({ id }: { id: string }) {
  const count = useAppStore(selectNodeCount(id));
  if (count === undefined) return null;
  return (
    <span className="journey-item__count" data-testid="node-count">
      {count} {count === 1 ? 'step' : 'steps'}
    </span>
  );
}

function JourneyDialogs({
  dialog,
  onClose,
  onReplace,
  onDeleted,
}: {
  dialog: Dialog;
  onClose: () => void;
  onReplace: (fileName: string, text: string) => void;
  onDeleted: (name: string, people: number) => void;
}) {
  const store = useAppStoreApi();
  // A new journey starts blank or from an example journey.
  const [templates, setTemplates] = useState<JourneyTemplate[]>([]);
  const [template, setTemplate] = useState('');
  const creating = dialog?.kind === 'create';
  useEffect(() => {
    setTemplate('');
    if (!creating) return;
    let current = true;
    store
      .getState()
      .journeyTemplates()
      .then((found) => current && setTemplates(found))
      .catch(() => current && setTemplates([]));
    return () => {
      current = false;
    };
  }, [store, creating]);
  // Who is in a journey about to be deleted: they leave it, and the dialog says so first.
  const deleting = dialog?.kind === 'delete' ? dialog.journey : null;
  const [people, setPeople] = useState<number | null>(null);
  useEffect(() => {
    setPeople(null);
    if (!deleting) return;
    let current = true;
    store
      .getState()
      .countPeopleIn(deleting.id)
      .then((count) => current && setPeople(count))
      .catch(() => current && setPeople(null));
    return () => {
      current = false;
    };
  }, [store, deleting]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submitName = async () => {
    // Starting from an example, its name will do until the marketer gives another.
    const trimmed = name.trim() || (creating ? (templates.find((t) => t.id === template)?.name ?? '') : '');
    if (!trimmed) {
      setError('A name is needed.');
      return;
    }
    try {
      if (dialog?.kind === 'create') await store.getState().createJourney(trimmed, template || undefined);
      if (dialog?.kind === 'rename') await store.getState().renameJourney(dialog.journey.id, trimmed);
      setName('');
      setError(null);
      onClose();
    } catch (reason) {
      setError((reason as Error).message);
    }
  };
  const naming = dialog?.kind === 'create' || dialog?.kind === 'rename';
  return (
    <>
      <Modal
        open={naming}
        title={dialog?.kind === 'rename' ? `Rename “${dialog.journey.name}”` : 'New journey'}
        testId="name-dialog"
        onClose={() => {
          setName('');
          setError(null);
          onClose();
        }}
        footer={
          <button type="submit" form="name-form" className="button button--primary" data-testid="name-submit">
            {dialog?.kind === 'rename' ? 'Rename' : 'Create'}
          </button>
        }
      >
        <form
          id="name-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submitName();
          }}
        >
          <label className="field__label" htmlFor="journey-name-field">
            Name
          </label>
          <input
            id="journey-name-field"
            className="input"
            data-testid="name-input"
            placeholder="e.g. Integration setup"
            // biome-ignore lint/a11y/noAutofocus: the dialog opens to ask for this.
            autoFocus
            data-autofocus
            defaultValue={dialog?.kind === 'rename' ? dialog.journey.name : ''}
            key={dialog?.kind === 'rename' ? dialog.journey.id : 'new'}
            onChange={(event) => setName(event.target.value)}
          />
          {error && (
            <p className="field__error" role="alert">
              {error}
            </p>
          )}
          {creating && (
            <fieldset className="start-from" data-testid="start-from">
              <legend className="field__label">Start from</legend>
              {[{ id: '', name: 'A blank canvas', description: 'Add the steps yourself.', steps: 0 }, ...templates].map(
                (choice) => (
                  <label key={choice.id || 'blank'} className="start-from__choice">
                    <input
                      type="radio"
                      name="start-from"
                      value={choice.id}
                      checked={template === choice.id}
                      data-testid={`start-from-${choice.id || 'blank'}`}
                      onChange={() => setTemplate(choice.id)}
                    />
                    <span>
                      <span className="start-from__name">
                        {choice.name}
                        {choice.steps > 0 && <span className="start-from__steps"> · {choice.steps} steps</span>}
                      </span>
                      <span className="start-from__description">{choice.description}</span>
                    </span>
                  </label>
                ),
              )}
            </fieldset>
          )}
        </form>
      </Modal>
      <Modal
        open={dialog?.kind === 'delete'}
        title="Delete this journey?"
        testId="delete-dialog"
        onClose={onClose}
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="confirm-delete"
              onClick={async () => {
                if (dialog?.kind === 'delete') {
                  const left = await store.getState().deleteJourney(dialog.journey.id);
                  onDeleted(dialog.journey.name, left);
                }
                onClose();
              }}
            >
              {people ? `Delete and end ${people.toLocaleString()} ${people === 1 ? 'run' : 'runs'}` : 'Delete'}
            </button>
          </>
        }
      >
        {dialog?.kind === 'delete' && (
          <>
            <p>
              “{dialog.journey.name}” and its {dialog.journey.latestVersion ?? 0} published{' '}
              {dialog.journey.latestVersion === 1 ? 'version' : 'versions'} will be deleted. This cannot be undone;
              export it first to keep a copy.
            </p>
            {people !== null && people > 0 && (
              <p className="notice" data-testid="delete-people">
                <strong>
                  {people.toLocaleString()} {people === 1 ? 'person is' : 'people are'} in it now.
                </strong>{' '}
                Deleting it ends their path here: they get no more emails or webhooks from it, and a journey you create
                later with the same name does not pick them up.
              </p>
            )}
          </>
        )}
      </Modal>
      <Modal
        open={dialog?.kind === 'import-problems'}
        title="This file was not imported"
        testId="import-problems"
        onClose={onClose}
        footer={
          dialog?.kind === 'import-problems' && dialog.canReplace ? (
            <>
              <button type="button" className="button" onClick={onClose}>
                Keep the existing journey
              </button>
              <button
                type="button"
                className="button button--danger"
                data-testid="import-replace"
                onClick={() => onReplace(dialog.fileName, dialog.text)}
              >
                Replace its draft
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          )
        }
      >
        {dialog?.kind === 'import-problems' && (
          <>
            <p>
              {dialog.fileName}: nothing was saved.{' '}
              {dialog.canReplace ? '' : 'Fix these problems in the file and import it again:'}
            </p>
            <ul className="problems__list" data-testid="import-problem-list">
              {dialog.problems.map((problem, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list.
                <li key={index} className={`problem-line problem-line--${problem.severity}`}>
                  {problem.nodeId && <strong>{problem.nodeId}: </strong>}
                  {problem.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </Modal>
    </>
  );
}

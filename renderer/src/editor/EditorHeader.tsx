import './editor.css';
import { useState } from 'react';
import { LiveControls } from '../live/LiveControls';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useDraftProblems } from '../store/problems/useProblems';
import { selectCanRedo, selectCanUndo, selectDraft } from '../store/selectors';
import { downloadText } from '../ui/download';
import { Icon } from '../ui/Icon';
import { PublishReview } from './PublishReview';
import { SaveIndicator } from './SaveIndicator';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** The journey's name and state, with the editor's commands: undo, redo, tidy up, export, publish. */
export function EditorHeader() {
  const store = useAppStoreApi();
  const journey = useAppStore(selectDraft);
  const summary = useAppStore((state) => state.journeyList.find((row) => row.id === journey?.id));
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const { errorCount } = useDraftProblems();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  if (!journey) return null;

  /** Publish asks first: the review says who enters, the first emails, and what changed. */
  const askToPublish = () => {
    if (errorCount > 0) {
      setNotice({
        kind: 'error',
        text: `Fix ${errorCount} ${errorCount === 1 ? 'error' : 'errors'} before publishing.`,
      });
      store.getState().setPanel('problems');
      return;
    }
    setNotice(null);
    setReviewing(true);
  };

  const publish = async () => {
    setBusy(true);
    try {
      const result = await store.getState().publishJourney(journey.id);
      if (result.published) setNotice({ kind: 'ok', text: `Published version ${result.version}.` });
      else {
        setNotice({
          kind: 'error',
          text: `Not published: ${
            result.problems
              .filter((p) => p.severity === 'error')
              .map((p) => p.message)
              .join(' ') || 'the draft has errors.'
          }`,
        });
        store.getState().setPanel('problems');
      }
    } catch (error) {
      setNotice({ kind: 'error', text: `Not published: ${(error as Error).message}` });
    } finally {
      setBusy(false);
      setReviewing(false);
    }
  };

  const exportFile = async () => {
    try {
      const file = await store.getState().exportJourney(journey.id);
      downloadText(file.fileName, file.text);
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not export: ${(error as Error).message}` });
    }
  };

  const commitName = () => {
    const name = renaming?.trim();
    setRenaming(null);
    if (name && name !== journey.name) void store.getState().renameJourney(journey.id, name);
  };

  return (
    <header className="editor-header">
      <div className="editor-header__title">
        <div className="editor-header__name-row">
          {renaming === null ? (
            <>
              <h1 className="editor-header__name" data-testid="journey-name" title={journey.name}>
                {journey.name}
              </h1>
              <button
                type="button"
                className="icon-button"
                aria-label="Rename journey"
                title="Rename"
                data-testid="rename-journey"
                onClick={() => setRenaming(journey.name)}
              >
                <Icon name="pencil" />
              </button>
            </>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                commitName();
              }}
            >
              <input
                className="input editor-header__name-input"
                aria-label="Journey name"
                data-testid="journey-name-input"
                // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename.
                autoFocus
                value={renaming}
                onChange={(event) => setRenaming(event.target.value)}
                onBlur={commitName}
                onKeyDown={(event) => event.key === 'Escape' && setRenaming(null)}
              />
            </form>
          )}
        </div>
        {/* Beside the name while there is room, on a line of its own when there is not: never cut short. */}
        <div className="editor-header__status">
          {summary && <LiveControls summary={summary} />}
          {summary?.latestVersion && (
            <span className="editor-header__version" data-testid="latest-version">
              v{summary.latestVersion}
              {summary.hasUnpublishedChanges ? ' + changes' : ''}
            </span>
          )}
          <SaveIndicator />
        </div>
      </div>
      <div className="toolbar" role="toolbar" aria-label="Journey">
        <button
          type="button"
          className="tool"
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          data-testid="undo"
          disabled={!canUndo}
          onClick={() => store.getState().undo()}
        >
          <Icon name="undo" />
        </button>
        <button
          type="button"
          className="tool"
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          data-testid="redo"
          disabled={!canRedo}
          onClick={() => store.getState().redo()}
        >
          <Icon name="redo" />
        </button>
        <span className="toolbar__gap" />
        <button
          type="button"
          className="tool tool--text"
          title="Lay the steps out again, top to bottom"
          data-testid="auto-layout"
          onClick={() => store.getState().autoLayout()}
        >
          <Icon name="layout" /> Tidy up
        </button>
        <button
          type="button"
          className="tool"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          data-testid="open-shortcuts"
          onClick={() => store.getState().setShortcutsOpen(true)}
        >
          <Icon name="keyboard" />
        </button>
        <span className="toolbar__gap" />
        <button type="button" className="button" data-testid="export-journey" onClick={exportFile}>
          Export
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="publish"
          disabled={busy}
          onClick={askToPublish}
        >
          Publish…
        </button>
      </div>
      <PublishReview
        journey={journey}
        open={reviewing}
        busy={busy}
        onCancel={() => setReviewing(false)}
        onPublish={() => void publish()}
      />
      {notice && (
        <p
          className={`notice-bar notice-bar--${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="publish-result"
        >
          {notice.text}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            <Icon name="close" />
          </button>
        </p>
      )}
    </header>
  );
}

import { useAppStore } from '../store/context';
import { selectSave } from '../store/selectors';

/** Where the draft stands: saved on the host, saving, or why the host could not store it. */
export function SaveIndicator() {
  const save = useAppStore(selectSave);
  const restored = useAppStore((state) => state.editor?.restored ?? false);
  const text =
    save.status === 'saved'
      ? 'All changes saved'
      : save.status === 'saving'
        ? 'Saving…'
        : save.status === 'pending'
          ? 'Unsaved changes'
          : `Could not save: ${save.message} Retrying…`;
  return (
    <span
      className={`save-state save-state--${save.status}`}
      data-testid="save-state"
      data-status={save.status}
      role="status"
      title={text}
    >
      <span className="save-state__dot" aria-hidden="true" />
      <span className="save-state__text">{text}</span>
      {restored && save.status !== 'saved' && (
        <span className="save-state__note"> (restored from your last session)</span>
      )}
    </span>
  );
}

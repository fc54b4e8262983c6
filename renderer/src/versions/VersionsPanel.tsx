import { useCallback, useEffect, useState } from 'react';
import type { JourneyVersionInfo } from '../../../shared/api';
import type { Journey } from '../../../shared/journey/schema';
import { type JourneyChange, summarizeChanges } from '../model/diff';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectDraft } from '../store/selectors';
import { downloadText } from '../ui/download';

const DRAFT = 'draft';

/** Published versions, and what changed between any two of them (or a version and the draft). */
export function VersionsPanel() {
  const store = useAppStoreApi();
  const draft = useAppStore(selectDraft);
  const summary = useAppStore((state) => (draft ? state.journeyList.find((row) => row.id === draft.id) : undefined));
  const [versions, setVersions] = useState<JourneyVersionInfo[] | null>(null);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>(DRAFT);
  const [changes, setChanges] = useState<JourneyChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = draft?.id;
  const latest = summary?.latestVersion ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `latest` changes when a version is published, which is when to refetch.
  useEffect(() => {
    if (!id) return;
    let live = true;
    store
      .getState()
      .listVersions(id)
      .then((list) => {
        if (!live) return;
        setVersions(list);
        const newest = list[list.length - 1];
        setFrom(newest ? String(newest.version) : '');
        setTo(DRAFT);
      })
      .catch((reason: Error) => live && setError(reason.message));
    return () => {
      live = false;
    };
  }, [id, store, latest]);

  const load = useCallback(
    async (which: string): Promise<Journey | undefined> => {
      if (!id || which === '') return undefined;
      if (which === DRAFT) return store.getState().editor?.journey;
      return store.getState().getVersion(id, Number(which));
    },
    [id, store],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: comparing with the draft follows its edits.
  useEffect(() => {
    let live = true;
    setChanges(null);
    if (from === '') return;
    Promise.all([load(from), load(to)])
      .then(([a, b]) => live && a && b && setChanges(summarizeChanges(a, b)))
      .catch((reason: Error) => live && setError(reason.message));
    return () => {
      live = false;
    };
  }, [from, to, load, draft]);

  if (!draft) return null;
  if (versions === null) return <p className="panel-message">{error ?? 'Loading versions…'}</p>;
  if (versions.length === 0)
    return (
      <div className="versions" data-testid="versions">
        <p className="panel-message">
          Not published yet. Publishing makes a version that never changes; the draft stays editable.
        </p>
      </div>
    );
  const options = [...versions]
    .reverse()
    .map((version) => ({ value: String(version.version), label: `Version ${version.version}` }));
  return (
    <div className="versions" data-testid="versions">
      <ol className="versions__list">
        {[...versions].reverse().map((version) => (
          <li key={version.version} className="versions__item" data-testid={`version-${version.version}`}>
            <span className="versions__number">Version {version.version}</span>
            <time dateTime={version.publishedAt}>{new Date(version.publishedAt).toLocaleString()}</time>
            <DownloadVersion id={draft.id} version={version.version} />
          </li>
        ))}
      </ol>
      <div className="versions__compare">
        <h3 className="form-section__title">Compare</h3>
        <p className="sentence-row">
          <select
            className="input input--inline input--select"
            aria-label="Compare from"
            value={from}
            data-testid="compare-from"
            onChange={(event) => setFrom(event.target.value)}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <span className="sentence-word">with</span>
          <select
            className="input input--inline input--select"
            aria-label="Compare with"
            value={to}
            data-testid="compare-to"
            onChange={(event) => setTo(event.target.value)}
          >
            <option value={DRAFT}>the draft</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </p>
        {changes && (
          <ChangeList changes={changes} onSelect={(nodeId) => store.getState().selectNode(nodeId, { focus: true })} />
        )}
      </div>
    </div>
  );
}

function ChangeList({ changes, onSelect }: { changes: JourneyChange[]; onSelect: (nodeId: string) => void }) {
  if (changes.length === 0)
    return (
      <p className="panel-message" data-testid="changes-none">
        No differences.
      </p>
    );
  return (
    <ul className="changes" data-testid="changes">
      {changes.map((change, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is recomputed as a whole.
        <li key={index} className={`change change--${change.action}`}>
          <span className="change__action">{change.action}</span>
          <span className="change__body">
            <span className="change__area">{change.area}</span>{' '}
            {change.nodeId ? (
              <button type="button" className="link-button" onClick={() => onSelect(change.nodeId as string)}>
                {change.subject}
              </button>
            ) : (
              <strong>{change.subject}</strong>
            )}
            {change.detail && <span className="change__detail">{change.detail}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function DownloadVersion({ id, version }: { id: string; version: number }) {
  const store = useAppStoreApi();
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        const file = await store.getState().exportJourney(id, version);
        downloadText(file.fileName, file.text);
      }}
    >
      Export
    </button>
  );
}

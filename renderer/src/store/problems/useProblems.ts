import { useEffect, useSyncExternalStore } from 'react';
import type { DraftProblems } from '../../model/draftCheck';
import { useAppStore, useAppStoreApi } from '../context';
import { selectContentRevision, selectEditorId } from '../selectors';
import { createDraftChecker } from './checker';

const EMPTY: DraftProblems = { problems: [], errorCount: 0, warningCount: 0, byNode: new Map() };
const checker = createDraftChecker();

/**
 * The open draft's problems, rechecked when its content changes (moving cards does not count).
 * The check runs in a worker; until its answer arrives the previous one is shown.
 */
export function useDraftProblems(): DraftProblems {
  const store = useAppStoreApi();
  const journeyId = useAppStore(selectEditorId);
  const revision = useAppStore(selectContentRevision);
  const latest = useSyncExternalStore(checker.subscribe, checker.latest);
  useEffect(() => {
    const journey = store.getState().editor?.journey;
    if (journeyId !== undefined && journey) checker.request(journeyId, revision, journey);
  }, [store, journeyId, revision]);
  return latest && latest.journeyId === journeyId ? latest.result : EMPTY;
}

import { useCallback } from 'react';
import type { Journey } from '../../../shared/journey/schema';
import { nodeTitle } from '../model/describe';
import { useAppStore } from '../store/context';
import { versionKey } from '../store/peopleSlice';

export interface JourneyWords {
  /** The journey as the run saw it: its published version when loaded, else the draft. */
  journey(journeyId: string, version?: number): Journey | undefined;
  journeyName(journeyId: string): string;
  /** A step's title, falling back to its id. */
  stepName(journeyId: string, nodeId: string | null, version?: number): string | null;
}

/** Names for journeys and steps, so a timeline reads “Integration setup › Confirm the steps”. */
export function useJourneyWords(): JourneyWords {
  const versions = useAppStore((state) => state.journeyVersions);
  const drafts = useAppStore((state) => state.journeys);
  const list = useAppStore((state) => state.journeyList);
  const journey = useCallback(
    (journeyId: string, version?: number) =>
      (version !== undefined ? versions[versionKey(journeyId, version)] : undefined) ?? drafts[journeyId]?.journey,
    [versions, drafts],
  );
  const journeyName = useCallback(
    (journeyId: string) => list.find((row) => row.id === journeyId)?.name ?? journey(journeyId)?.name ?? journeyId,
    [list, journey],
  );
  const stepName = useCallback(
    (journeyId: string, nodeId: string | null, version?: number) => {
      if (nodeId === null) return null;
      const node = journey(journeyId, version)?.nodes.find((n) => n.id === nodeId);
      return node ? nodeTitle(node) : nodeId;
    },
    [journey],
  );
  return { journey, journeyName, stepName };
}

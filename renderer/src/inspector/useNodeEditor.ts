import { useCallback } from 'react';
import type { JourneyNode } from '../../../shared/journey/schema';
import type { JourneyEdit } from '../model/edit';
import { useAppStoreApi } from '../store/context';

/**
 * Saves a node's new version as an edit. Changes to one field in quick succession (typing) are
 * one undo step; `before` are edits that belong to the same step (e.g. adding a variable a preset needs).
 */
export function useNodeEditor(nodeId: string) {
  const store = useAppStoreApi();
  return useCallback(
    (next: JourneyNode, field: string, before: JourneyEdit[] = []) => {
      const update: JourneyEdit = { type: 'update_node', id: nodeId, node: next };
      store.getState().edit(before.length > 0 ? { type: 'batch', edits: [...before, update] } : update, {
        key: `${nodeId}:${field}`,
      });
    },
    [store, nodeId],
  );
}

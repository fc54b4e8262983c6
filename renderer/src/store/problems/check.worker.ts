/// <reference lib="webworker" />
import type { Journey } from '../../../../shared/journey/schema';
import { checkDraft } from '../../model/draftCheck';

/**
 * Checks drafts off the main thread: the validator (schema, template parsing, graph walks) takes
 * a noticeable time on a large journey, and the canvas must not wait for it.
 */
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<{ key: string; journey: Journey }>) => {
  const { key, journey } = event.data;
  self.postMessage({ key, result: checkDraft(journey) });
};

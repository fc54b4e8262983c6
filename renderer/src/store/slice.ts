import type { StateCreator, StoreApi } from 'zustand';
import type { AppState } from './types';

/** A slice's data, without its actions. */
type DataOf<S> = { [K in keyof S as S[K] extends (...args: never[]) => unknown ? never : K]: S[K] };

/**
 * What a slice may write: its own data, and nothing of any other slice's (those keys are `never`,
 * so writing one fails to compile, also inside `set((state) => …)`). Another slice's state
 * changes through that slice's actions.
 */
export type OwnState<S> = Partial<DataOf<S>> & { [K in Exclude<keyof AppState, keyof DataOf<S>>]?: never };

export type OwnSetter<S> = (partial: OwnState<S> | ((state: AppState) => OwnState<S>)) => void;

/**
 * Declares a slice whose `set` only takes its own state; `get` still reads (and calls) everything.
 * @example
 * export const createUiSlice = slice<UiSlice>((set, get) => ({ panel: 'step', setPanel: (panel) => set({ panel }) }));
 */
export function slice<S>(
  creator: (set: OwnSetter<S>, get: () => AppState, store: StoreApi<AppState>) => S,
): StateCreator<AppState, [], [], S> {
  return (set, get, store) => creator(set as OwnSetter<S>, get, store);
}

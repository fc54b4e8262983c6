/**
 * The typed API shared by the renderer, the preload and the engine. No Node or DOM imports here:
 * it is bundled into all three.
 */
export * from './app';
export type { DripAgentBridge } from './bridge';
export * from './catalog';
export * from './channels';
export * from './client';
export * from './define';
export * from './errors';
export * from './events';
export * from './journey';
export * from './spec';

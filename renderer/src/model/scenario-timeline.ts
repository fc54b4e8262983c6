// The scenario timeline format lives in shared/scenario: `dripagent test` reads saved scenarios
// too. The simulator's modules keep importing it from here.
export * from '../../../shared/scenario/timeline';

/** Kept as the light import path for the interpreter; the one implementation is in describe.ts. */
export { humanizeEvent } from './describe';

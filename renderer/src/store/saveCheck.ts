/** What saving needs and the first paint does not: loaded on the first save. */
export { Journey } from '../../../shared/journey/schema';
export { saveBlocker } from './saveBlocker';

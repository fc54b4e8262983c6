import type { AppInfo } from '../../shared/api/app';
import type { HandlerRegistry } from '../api/registry';

/** The app.* handlers. */
export function registerAppHandlers(registry: HandlerRegistry, info: AppInfo): void {
  registry.register('app.info', () => info);
}

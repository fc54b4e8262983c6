import type { SecretStore } from '../mail/settings/secret-store';
import type { MetaRepo } from '../store/meta-repo';

/** The part of Electron's `safeStorage` we use, so this file needs no `electron` import and stays testable. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const metaKey = (name: string) => `secret.${name}`;

/**
 * Secrets encrypted with the OS keychain (Electron's safeStorage) and kept, encrypted, in `app_meta`.
 * Only usable after the app is ready. When the OS offers no encryption (a Linux session without a
 * keyring) it falls back to `fallback`, the same 0600 file the headless host uses.
 * @example createSafeStorageSecretStore(safeStorage, core.store.meta, createFileSecretStore(file))
 */
export function createSafeStorageSecretStore(
  safeStorage: SafeStorageLike,
  meta: MetaRepo,
  fallback: SecretStore,
): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) return fallback;
  return {
    kind: 'safe-storage',
    get(name) {
      const stored = meta.get(metaKey(name));
      if (!stored) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (error) {
        // A keychain reset or a copied data folder: the secret is gone, the user must enter it again.
        console.warn(`Could not decrypt the stored ${name}: ${(error as Error).message}`);
        return undefined;
      }
    },
    set(name, value) {
      meta.set(metaKey(name), safeStorage.encryptString(value).toString('base64'));
    },
    delete(name) {
      // MetaRepo has no delete; an empty value reads as "not set".
      if (meta.get(metaKey(name)) !== undefined) meta.set(metaKey(name), '');
    },
  };
}

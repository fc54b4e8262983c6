import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/**
 * Where passwords and keys live, apart from the database: Electron's safeStorage in the app
 * (electron/shell/safe-storage-secret-store.ts), a 0600 file in headless mode. Names are e.g. `smtp.password`.
 */
export interface SecretStore {
  /** For Settings: tells the user how their password is kept. */
  readonly kind: 'safe-storage' | 'file' | 'memory' | 'database';
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export const SECRETS_FILE_NAME = 'secrets.json';

function readSecrets(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON object of strings`);
  }
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/**
 * Secrets in a JSON file only its owner can read (mode 0600), written atomically. A file found with
 * wider permissions (e.g. copied by hand) is narrowed back to 0600 on open.
 * @example const secrets = createFileSecretStore(join(dataDir, SECRETS_FILE_NAME)); secrets.set('smtp.password', 'hunter2');
 */
export function createFileSecretStore(file: string): SecretStore {
  const mode = statSync(file, { throwIfNoEntry: false })?.mode;
  if (mode !== undefined && process.platform !== 'win32' && (mode & 0o077) !== 0) chmodSync(file, 0o600);

  const write = (secrets: Record<string, string>) => {
    const temporary = `${file}.${process.pid}.tmp`;
    // `mode` applies only when the file is created; chmod covers a leftover temp file.
    writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
  };
  return {
    kind: 'file',
    get: (name) => readSecrets(file)[name],
    set(name, value) {
      write({ ...readSecrets(file), [name]: value });
    },
    delete(name) {
      const secrets = readSecrets(file);
      if (!(name in secrets)) return;
      delete secrets[name];
      write(secrets);
    },
  };
}

/** Keeps secrets in memory only: for tests. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const secrets = new Map(Object.entries(initial));
  return {
    kind: 'memory',
    get: (name) => secrets.get(name),
    set: (name, value) => void secrets.set(name, value),
    delete: (name) => void secrets.delete(name),
  };
}

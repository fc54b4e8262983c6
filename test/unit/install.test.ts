import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean }>;
};

/** `npm ci` on the Node versions package.json names must be quiet: no EBADENGINE, no unreviewed install script. */
describe('a fresh install', () => {
  it('asks for no Node newer than package.json says it runs on (no EBADENGINE warning)', () => {
    const ours: string = manifest.engines.node;
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const wanted = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
        return wanted && !semver.subset(ours, wanted, { includePrerelease: false })
          ? [`${path.replace(/^.*node_modules\//, '')}@${entry.version}: node ${wanted}`]
          : [];
      });
    expect(refusing).toEqual([]);
  });

  it('says for every package with an install script whether npm may run it', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.filter((name) => !(name in manifest.allowScripts))).toEqual([]);
  });
});

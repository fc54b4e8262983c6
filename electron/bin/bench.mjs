#!/usr/bin/env node
// `npm run bench -- NAME`: runs test/bench/NAME.ts. Each bench prints its figures and ends with
// one line of JSON holding the fields its issue names.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const dir = join(dirname(fileURLToPath(import.meta.url)), '../../test/bench');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- NAME\nBenchmarks: ${names.join(', ')}\n`);
  process.exit(1);
}
const { main } = await import(join(dir, `${name}.bench.ts`));
await main(process.argv.slice(3));

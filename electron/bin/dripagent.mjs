#!/usr/bin/env node
// The `dripagent` command. Runs the TypeScript sources through tsx so the CLI, the headless
// host and the tests all execute the same code without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));

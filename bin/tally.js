#!/usr/bin/env node
// Entry point of the `tally` command: runs the CLI from the build (dist/), see bin/entry.js.
import { importEntry } from './entry.js';

const { main } = await importEntry('cli/main');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// A worker of `tally serve --workers N` (src/cli/serve-cluster.ts): loads the worker's code the
// way bin/tally.js loads the CLI (bin/entry.js), then waits for its configuration from the primary.
import { importEntry } from './entry.js';

await importEntry('cli/serve-worker-main');

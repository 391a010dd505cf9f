#!/usr/bin/env node
// A worker of `tally serve --workers N` (src/cli/serve-cluster.ts): registers the TypeScript
// loader, then waits for its configuration from the primary process.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/serve-worker-main.ts');

/**
 * The benchmark suites `npm run bench` knows, in the order it runs them when none is named. A new
 * suite (linking, API latency) is one file in this folder exporting a Suite, listed here.
 */
import type { Suite } from '../suite.ts';
import { apiSuite } from './api.ts';
import { exportSuite } from './export.ts';
import { extractionSuite } from './extraction.ts';
import { linkingSuite } from './linking.ts';
import { startupSuite } from './startup.ts';
import { crashSuite } from './crash.ts';
import { longDocumentsSuite } from './long-documents.ts';

export const SUITES: readonly Suite[] = [extractionSuite, linkingSuite, apiSuite, exportSuite, startupSuite, crashSuite, longDocumentsSuite];

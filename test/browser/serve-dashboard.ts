/**
 * The dashboard served for a browser test: web/ built with Vite into a temporary folder, the API
 * over the given store on 127.0.0.1 (a free port), and Debian's Chromium launched headless. `close`
 * undoes all three and removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/api/app.ts';
import type { AppDeps } from '../../src/api/app-deps.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServedDashboard {
  /** A folder for the test's own files (its store), removed by close. */
  tmp: string;
  base: string;
  app: ReturnType<typeof createApp>;
  browser: Browser;
  close: () => Promise<void>;
}

/** Builds the dashboard, then serves `deps(tmp, webDist)` (the test opens its store in `tmp`). */
export async function serveDashboard(prefix: string, deps: (tmp: string, webDist: string) => Promise<AppDeps>): Promise<ServedDashboard> {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const webDist = join(tmp, 'dist');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: webDist, emptyOutDir: true } });
  const app = createApp(await deps(tmp, webDist));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return {
    tmp,
    base,
    app,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

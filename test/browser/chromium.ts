/**
 * The Chromium the browser tests drive: Debian's package (TALLY_CHROMIUM points elsewhere on other
 * systems), launched by playwright-core with the flags of stack.md (playwright-core adds --headless
 * and a fresh profile).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.TALLY_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const HAS_CHROMIUM = existsSync(CHROMIUM);

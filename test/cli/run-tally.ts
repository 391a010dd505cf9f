/**
 * The real entry point (`node bin/tally.js …`) spawned from the repository root with a fixed clock
 * and no TALLY_DB, for the CLI tests: what it printed and how it exited.
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `tally ...args` at clock `now`; `stdin`, when given, is written to its standard input. */
export function runTally(args: readonly string[], now: string, stdin?: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TALLY_NOW: now };
  delete env.TALLY_DB;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/tally.js', ...args], { cwd: REPO, env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

/** The run's output for an assertion message. */
export const shown = (r: Run): string => `status ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

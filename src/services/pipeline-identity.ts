/**
 * Who the pipeline is, for the audit log (docs/decisions/0018-review-decisions-and-audit.md): its
 * version (package.json) and a hash of its rule tables. Tally's rules and lexicons are TypeScript
 * data beside the code that applies them (src/pipeline/extract, src/pipeline/link), so the hash is
 * taken over those sources, sorted by path: any change to a rule, word list or linking threshold
 * gives another hash, and an audit entry names exactly which rules made a change.
 *
 * Run from the sources (tsx), the hash is taken over them. Run from the build (dist/, decision
 * 0028), it is the one the build took over the sources it compiled, recorded in
 * dist/build-info.json: the hash always names the rules of the code that runs. Read once per process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditActor } from '../domain/review.ts';
import { packageVersion } from './package-version.ts';

/** The repository root: two folders up from this file in src/services and in dist/services alike. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RULE_DIRS = ['src/pipeline/extract', 'src/pipeline/link'];
/** Written by scripts/build.mjs beside the compiled code. */
export const BUILD_INFO = join(ROOT, 'dist', 'build-info.json');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sourcesUnder(p) : p.endsWith('.ts') ? [p] : [];
    });
}

/** The hash of the rule sources under `root` (src/pipeline/extract and src/pipeline/link), 16 hex digits. */
export function hashRuleSources(root: string = ROOT): string {
  const hash = createHash('sha256');
  for (const file of RULE_DIRS.flatMap((d) => sourcesUnder(join(root, d)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function compiledRulesHash(): string | null {
  if (!import.meta.url.endsWith('.js') || !existsSync(BUILD_INFO)) return null;
  return (JSON.parse(readFileSync(BUILD_INFO, 'utf8')) as { rules?: string }).rules ?? null;
}

let cached: Extract<AuditActor, { kind: 'pipeline' }> | null = null;

export function pipelineActor(): Extract<AuditActor, { kind: 'pipeline' }> {
  if (cached) return cached;
  cached = { kind: 'pipeline', version: packageVersion(), rules: compiledRulesHash() ?? hashRuleSources() };
  return cached;
}

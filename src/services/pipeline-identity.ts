/**
 * Who the pipeline is, for the audit log (docs/decisions/0018-review-decisions-and-audit.md): its
 * version (package.json) and a hash of its rule tables. Tally's rules and lexicons are TypeScript
 * data beside the code that applies them (src/pipeline/extract, src/pipeline/link), so the hash is
 * taken over those sources, sorted by path: any change to a rule, word list or linking threshold
 * gives another hash, and an audit entry names exactly which rules made a change. Read once per
 * process.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditActor } from '../domain/review.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RULE_DIRS = ['src/pipeline/extract', 'src/pipeline/link'];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sourcesUnder(p) : p.endsWith('.ts') ? [p] : [];
    });
}

let cached: Extract<AuditActor, { kind: 'pipeline' }> | null = null;

export function pipelineActor(): Extract<AuditActor, { kind: 'pipeline' }> {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const file of RULE_DIRS.flatMap((d) => sourcesUnder(join(ROOT, d)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  cached = { kind: 'pipeline', version, rules: hash.digest('hex').slice(0, 16) };
  return cached;
}

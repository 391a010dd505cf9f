/**
 * `tally tallies --db FILE [--check] [--json]`: lists the tallies a store holds (monitors' totals
 * over a period or region, kept apart from incidents) and, with --check, compares each with the sum
 * of the incidents held for its period, area and perpetrator (src/services/tally-check.ts). The
 * composition root (main.ts) registers it and supplies how a --db value becomes an open store and
 * how a usage error is raised, so exit statuses stay decided in one place.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { IncidentStore } from '../storage/incident-store.ts';
import { isPostgresUrl } from '../storage/open-store.ts';
import type { Tally } from '../domain/types.ts';
import { tallyJson } from '../export/incidents-json.ts';
import { loadGazetteer } from '../services/gazetteer-service.ts';
import { checkTallies, type AreaLookup, type AreaScope, type CategoryCheck, type FigureComparison, type TallyCheck } from '../services/tally-check.ts';

export interface TalliesCommandDeps {
  /** The store location for a --db value (env TALLY_DB and the default applied; unusable values refused). */
  dbPath: (option: string | undefined) => string;
  openStore: (location: string) => Promise<IncidentStore>;
  /** An error main() reports as a usage error (exit status 2). */
  usageError: (message: string) => Error;
  out: (line: string) => void;
  /**
   * Governorate lookup for area phrases the built-in rules do not know. Default: the store's
   * gazetteer (`loadGazetteer(store).resolver.admin1Name`), built only when a tally needs it.
   */
  areaLookup?: (store: IncidentStore) => AreaLookup | Promise<AreaLookup>;
}

/** Machine-readable output of `tally tallies --json`. */
export const TALLIES_JSON_FORMAT = 'tallies/1';

const QUOTE_SNIPPET = 100;

export function registerTalliesCommand(program: Command, deps: TalliesCommandDeps): Command {
  return program
    .command('tallies')
    .description("list the tallies (claimants' totals over a period or region); --check compares each with the incidents held for it")
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .option('--check', 'compare each tally with the sum of incidents for its period, area and perpetrator')
    .option('--any-perpetrator', 'with --check: count incidents of every perpetrator even when the tally names one')
    .option('--json', 'print the machine-readable report')
    .action(async (o: { db?: string; check?: boolean; anyPerpetrator?: boolean; json?: boolean }) => {
      const path = deps.dbPath(o.db);
      if (path !== ':memory:' && !isPostgresUrl(path) && !existsSync(path)) throw deps.usageError(`--db ${path}: no such store; run 'tally ingest --db ${path} FILE...' first`);
      if (o.anyPerpetrator && !o.check) throw deps.usageError('--any-perpetrator: only meaningful with --check');
      const store = await deps.openStore(path);
      try {
        const tallies = await store.listTallies();
        const checks = o.check
          ? await checkWithLazyLookup(tallies, await store.listIncidents(), () => (deps.areaLookup ?? gazetteerLookup)(store), {
              perpetrator: o.anyPerpetrator ? 'ignore' : 'match',
            })
          : null;
        if (o.json) deps.out(JSON.stringify(talliesJson(tallies, checks), null, 2));
        else if (checks) for (const line of formatChecks(checks, tallies.length)) deps.out(line);
        else for (const line of formatTallies(tallies)) deps.out(line);
      } finally {
        await store.close();
      }
    });
}

async function gazetteerLookup(store: IncidentStore): Promise<AreaLookup> {
  const { resolver } = await loadGazetteer(store);
  return (area) => resolver.admin1Name(area);
}

/**
 * Builds the lookup only when a tally needs it: loading a gazetteer costs seconds and most areas
 * never need it. The store reads it asynchronously while checkTallies asks synchronously, so the
 * check runs first with a lookup that only notes it was asked; when it was, the gazetteer is
 * loaded and the (pure) check runs again with the real lookup.
 */
async function checkWithLazyLookup(
  tallies: Tally[],
  incidents: Parameters<typeof checkTallies>[1],
  make: () => AreaLookup | Promise<AreaLookup>,
  options: Parameters<typeof checkTallies>[3],
): Promise<TallyCheck[]> {
  let asked = false;
  const probe: AreaLookup = () => {
    asked = true;
    return null;
  };
  const first = checkTallies(tallies, incidents, probe, options);
  return asked ? checkTallies(tallies, incidents, await make(), options) : first;
}

function figures(f: Partial<Record<string, number>>): string {
  const parts = Object.entries(f)
    .filter((e): e is [string, number] => e[1] !== undefined)
    .map(([k, v]) => `${k} ${v}`);
  return parts.join(', ');
}

function periodText(p: { start: string; end: string } | null): string {
  if (!p) return 'no period';
  return p.start === p.end ? p.start : `${p.start}..${p.end}`;
}

function snippet(quote: string): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  return q.length <= QUOTE_SNIPPET ? q : `${q.slice(0, QUOTE_SNIPPET - 1)}…`;
}

/** The plain listing: one header line and one quote line per tally. */
export function formatTallies(tallies: readonly Tally[]): string[] {
  if (tallies.length === 0) return ['no tallies in this store'];
  const lines: string[] = [];
  for (const t of tallies) {
    const killed = figures(t.killed);
    const injured = figures(t.injured);
    const stated = [killed && `killed ${killed}`, injured && `injured ${injured}`, t.displaced !== null ? `displaced ${t.displaced}` : ''].filter(Boolean).join('; ');
    const by = t.perpetrator ? `; by ${t.perpetrator}` : '';
    lines.push(`${t.id}  ${t.claimant ?? 'no claimant'}  ${periodText(t.period)}  ${t.area ?? 'no area'}  ${stated || 'no figures'}${by}`);
    lines.push(`  "${snippet(t.quote)}" (${t.document})`);
  }
  lines.push(`${tallies.length} ${tallies.length === 1 ? 'tally' : 'tallies'}`);
  return lines;
}

function scopeText(s: AreaScope): string {
  if (s.kind === 'any') return 'anywhere';
  if (s.kind === 'country') return s.country;
  return [...s.governorates, ...s.districts.map((d) => `district ${d}`), ...s.places.map((p) => `place ${p}`)].join('+') || 'nothing';
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

function comparisonText(c: FigureComparison): [string, string, string, string] {
  return [String(c.incidents), signed(c.difference), c.coverage === null ? '-' : `${Math.round(c.coverage * 100)}%`, c.status];
}

function rowOf(check: TallyCheck, cat: CategoryCheck, first: boolean): string[] {
  const [sum, diff, cov, status] = comparisonText(cat.anyClaimant);
  const same = cat.sameClaimant ? `${cat.sameClaimant.incidents} (${cat.sameClaimant.status})` : '-';
  const lead = first
    ? [check.tallyId, check.claimant ?? '-', periodText(check.period), `${check.area ?? '-'} [${scopeText(check.scope)}]`, check.perpetrator ?? '-']
    : ['', '', '', '', ''];
  return [...lead, cat.category, String(cat.tally), sum, diff, cov, status, same];
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

/** The --check table: one row per category of each tally, then the incidents counted. */
export function formatChecks(checks: readonly TallyCheck[], tallyCount: number): string[] {
  const lines: string[] = [];
  if (checks.length) {
    const header = ['tally', 'claimant', 'period', 'area [read as]', 'perpetrator', 'category', 'tally', 'incidents', 'diff', 'coverage', 'status', 'same claimant'];
    const rows = [header, ...checks.flatMap((c) => c.categories.map((cat, i) => rowOf(c, cat, i === 0)))];
    lines.push(...table(rows));
    lines.push('');
    for (const c of checks) {
      lines.push(`${c.tallyId}: ${c.incidentIds.length} incidents counted${c.incidentIds.length ? `: ${c.incidentIds.join(', ')}` : ''}`);
      if (c.partialIds.length) lines.push(`  overlapping the period, not counted: ${c.partialIds.join(', ')}`);
      if (c.unplacedIds.length) lines.push(`  in the period but with no governorate, not counted: ${c.unplacedIds.join(', ')}`);
      if (c.undatedIds.length) lines.push(`  in the area but of unknown date, not counted: ${c.undatedIds.join(', ')}`);
    }
  }
  const counts = new Map<string, number>();
  for (const c of checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const summary = [...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`${checks.length} of ${tallyCount} tallies checked${summary ? ` (${summary})` : ''}; the rest have no period or no killed figure`);
  return lines;
}

function comparisonJson(c: FigureComparison) {
  return { incidents: c.incidents, difference: c.difference, coverage: c.coverage, status: c.status, incident_ids: c.incidentIds };
}

function scopeJson(s: AreaScope) {
  if (s.kind === 'governorates') return { kind: s.kind, governorates: s.governorates, regions: s.regions, districts: s.districts, places: s.places };
  return s.kind === 'country' ? { kind: s.kind, country: s.country } : { kind: s.kind };
}

/** `tallies/1`: the tallies as in `incidents/1`, and with --check the comparison of each. */
export function talliesJson(tallies: readonly Tally[], checks: readonly TallyCheck[] | null) {
  return {
    format: TALLIES_JSON_FORMAT,
    tallies: tallies.map(tallyJson),
    ...(checks
      ? {
          checks: checks.map((c) => ({
            tally: c.tallyId,
            document: c.document,
            claimant: c.claimant,
            period: c.period,
            area: c.area,
            area_scope: scopeJson(c.scope),
            perpetrator: c.perpetrator,
            headline: c.headline,
            status: c.status,
            categories: c.categories.map((cat) => ({
              category: cat.category,
              tally: cat.tally,
              any_claimant: comparisonJson(cat.anyClaimant),
              same_claimant: cat.sameClaimant ? comparisonJson(cat.sameClaimant) : null,
            })),
            incident_ids: c.incidentIds,
            same_claimant_ids: c.sameClaimantIds,
            partial_ids: c.partialIds,
            unplaced_ids: c.unplacedIds,
            undated_ids: c.undatedIds,
          })),
        }
      : {}),
  };
}

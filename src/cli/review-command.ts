/**
 * `tally review confirm|reject|edit|lock|merge|split|detach ID …` records an analyst's decision
 * (src/services/review-incidents.ts) and applies it by relinking; `tally review list [ID]
 * [--status orphaned]` lists decisions; `tally review queue` lists incidents to review, most
 * uncertain first, with their reasons (docs/decisions/0021-review-queue.md); `tally audit [--since] [--incident] [--action] [--format
 * jsonl]` prints the append-only audit log. No command changes or deletes an audit entry
 * (docs/decisions/0018-review-decisions-and-audit.md). The composition root (main.ts) registers
 * these and supplies how a --db value becomes an open store and how a usage error is raised.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { IncidentStore } from '../storage/incident-store.ts';
import type { AuditEntry, DecisionKind, ReviewDecision } from '../domain/review.ts';
import { DECISION_KINDS } from '../domain/review.ts';
import { recordDecision, incidentDecisions } from '../services/review-incidents.ts';
import { QUEUE_STATUSES, reviewQueue } from '../services/review-queue.ts';
import { REVIEW_REASON_IDS } from '../pipeline/review/review-reasons.ts';
import { headlineCount } from '../domain/headline-figure.ts';

export interface ReviewCommandDeps {
  /** The store location of a --db value for a store that must exist. */
  dbPath: (option: string | undefined) => string;
  openStore: (location: string) => Promise<IncidentStore>;
  usageError: (message: string) => Error;
  out: (line: string) => void;
  now: () => string;
}

interface DecisionOptions {
  db?: string;
  reviewer?: string;
  reason?: string;
  field?: string;
  value?: string;
  into?: string;
  mentions?: string;
  version?: string;
}

const HELP: Record<DecisionKind, string> = {
  confirm: 'confirm the incident as the machine made it',
  reject: 'reject it: not an incident (left out of exports)',
  edit: 'set a field (--field, --value, --reason required): killed|injured.CATEGORY.min|best|max, date, location, perpetrators, eventType',
  lock: 'lock its fields: the machine may no longer change them',
  merge: 'merge it with another incident (--into ID): the linker keeps their reports together',
  split: 'split reports off into a new incident (--mentions ID,ID)',
  detach: 'detach one report (--mentions ID) from the incident',
};

function decisionLine(d: ReviewDecision): string {
  const detail = d.action.kind === 'edit' ? ` ${d.action.field} = ${JSON.stringify(d.action.value)}` : d.action.kind === 'merge' ? ` with ${d.action.other}` : '';
  return `#${d.id} ${d.decidedAt} ${d.incidentId} v${d.version} ${d.action.kind}${detail} by ${d.reviewer}${d.reason ? ` (${d.reason})` : ''}${d.status === 'orphaned' ? ` ORPHANED: ${d.orphanedBecause}` : ''}`;
}

function auditLine(e: AuditEntry): string {
  const who = e.actor.kind === 'user' ? e.actor.name : `pipeline ${e.actor.version} rules ${e.actor.rules}`;
  const what = e.field ? ` ${e.field}: ${JSON.stringify(e.before)} -> ${JSON.stringify(e.after)}` : e.action === 'relink' ? ` ${JSON.stringify(e.after)}` : '';
  return `${e.id}\t${e.at}\t${who}\t${e.action}\t${e.incidentId ?? '-'}${what}${e.reason ? `\t${e.reason}` : ''}\t(${e.cause})`;
}

/** A --value as JSON when it parses (numbers, lists, objects), else the text itself. */
function valueOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function registerReviewCommands(program: Command, deps: ReviewCommandDeps): void {
  const review = program.command('review').description('record analysts\' decisions on incidents; they are applied on every relink');
  for (const kind of DECISION_KINDS) {
    review
      .command(kind)
      .description(HELP[kind])
      .argument('<id>', 'incident id')
      .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
      .option('--reviewer <name>', 'who decides (recorded in the audit log)', process.env.USER ?? 'cli')
      .option('--reason <text>', 'why (required for edit)')
      .option('--field <field>', 'edit: the field')
      .option('--value <json>', 'edit: the new value (JSON, or plain text)')
      .option('--into <id>', 'merge: the other incident')
      .option('--mentions <ids>', 'split, detach: mention ids, comma-separated')
      .option('--version <n>', 'the review version you decided against (refused if another decision came first)')
      .action(async (id: string, o: DecisionOptions) => {
        const expectedVersion = o.version === undefined ? null : Number(o.version);
        if (expectedVersion !== null && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) throw deps.usageError(`--version ${o.version}: expected a whole number >= 0`);
        const store = await deps.openStore(deps.dbPath(o.db));
        try {
          const result = await recordDecision(store, id, {
            kind,
            reviewer: o.reviewer ?? 'cli',
            reason: o.reason ?? null,
            field: o.field,
            value: valueOf(o.value),
            other: o.into,
            mentions: o.mentions?.split(',').map((m) => m.trim()).filter(Boolean),
            expectedVersion,
            now: deps.now(),
          });
          deps.out(decisionLine(result.decision));
          deps.out(result.incident ? `incident ${result.incident.id}: review ${result.incident.review.status}, version ${result.version}` : `incident ${id}: no longer in the incident set`);
        } finally {
          await store.close();
        }
      });
  }
  review
    .command('list')
    .description('list decisions (of one incident, or by status: --status orphaned lists those whose target is gone)')
    .argument('[id]', 'incident id')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .addOption(new Option('--status <status>', 'only decisions of this status').choices(['active', 'orphaned']))
    .action(async (id: string | undefined, o: { db?: string; status?: 'active' | 'orphaned' }) => {
      const store = await deps.openStore(deps.dbPath(o.db));
      try {
        const decisions = id ? (await incidentDecisions(store, id)).decisions : await store.listDecisions(o.status ? { status: o.status } : {});
        for (const d of decisions.filter((x) => !o.status || x.status === o.status)) deps.out(decisionLine(d));
      } finally {
        await store.close();
      }
    });

  review
    .command('queue')
    .description('incidents to review, most uncertain first, each with the reasons; then decisions whose target is gone')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .addOption(new Option('--reason <reason>', 'only incidents with this reason').choices([...REVIEW_REASON_IDS]))
    .option('--admin1 <name>', 'only incidents placed in this governorate or province')
    .option('--from <date>', 'only incidents on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only incidents on or before this date (YYYY-MM-DD)')
    .addOption(new Option('--status <status>', 'open: unreviewed incidents; all; or one review status').choices([...QUEUE_STATUSES]).default('open'))
    .option('--reviewer <name>', 'only incidents whose latest decision this analyst made')
    .option('--limit <n>', 'how many', '50')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'jsonl']).default('text'))
    .action(async (o: { db?: string; reason?: string; admin1?: string; from?: string; to?: string; status: string; reviewer?: string; limit: string; format: 'text' | 'jsonl' }) => {
      for (const [flag, value] of [['--from', o.from], ['--to', o.to]] as const) {
        if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw deps.usageError(`${flag} ${value}: expected a date YYYY-MM-DD`);
      }
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw deps.usageError(`--limit ${o.limit}: expected a whole number 1 or more`);
      const store = await deps.openStore(deps.dbPath(o.db));
      try {
        const queue = await reviewQueue(store, { reason: o.reason, admin1: o.admin1, from: o.from, to: o.to, status: o.status, reviewer: o.reviewer }, { limit: Math.min(limit, 500) });
        for (const item of queue.items) {
          if (o.format === 'jsonl') deps.out(JSON.stringify({ id: item.incident.id, uncertainty: item.uncertainty, reasons: item.reasons }));
          else {
            const i = item.incident;
            const killed = headlineCount(i.killed, 'best');
            deps.out(`${item.uncertainty.toFixed(1)}\t${i.id}\t${i.date.start ?? 'undated'}\t${i.location?.name ?? 'unplaced'}\t${killed === null ? '-' : `${killed} killed`}\t${i.review.status}`);
            for (const r of item.reasons) deps.out(`\t  ${r.id}: ${r.detail}`);
          }
        }
        if (o.format === 'text') {
          deps.out(`${queue.items.length} of ${queue.total} incidents${queue.orphaned.length ? `; ${queue.orphaned.length} orphaned decision${queue.orphaned.length === 1 ? '' : 's'}:` : ''}`);
          for (const d of queue.orphaned) deps.out(decisionLine(d));
        } else for (const d of queue.orphaned) deps.out(JSON.stringify({ orphaned: d }));
      } finally {
        await store.close();
      }
    });

  program
    .command('audit')
    .description('print the audit log (append-only): every human and machine change, oldest first')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .option('--since <time>', 'entries at or after this ISO date or date-time')
    .option('--incident <id>', 'entries about this incident')
    .option('--action <action>', 'entries of this action (review.edit, relink, disagreement, …)')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'jsonl']).default('text'))
    .action(async (o: { db?: string; since?: string; incident?: string; action?: string; format: 'text' | 'jsonl' }) => {
      if (o.since !== undefined && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(o.since)) throw deps.usageError(`--since ${o.since}: expected an ISO date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`);
      const store = await deps.openStore(deps.dbPath(o.db));
      try {
        let cursor: string | null = null;
        do {
          const page = await store.listAudit({ since: o.since, incidentId: o.incident, action: o.action }, { cursor, limit: 500 });
          for (const e of page.items) deps.out(o.format === 'jsonl' ? JSON.stringify(e) : auditLine(e));
          cursor = page.nextCursor;
        } while (cursor !== null);
      } finally {
        await store.close();
      }
    });
}

/**
 * The server's metrics in the Prometheus text exposition format (version 0.0.4): requests counted
 * by method, route pattern and status, a histogram of their durations by method and route, and
 * each process's CPU time, memory and start time. A process keeps its own counts
 * (RequestMetrics); `snapshot()` gives them as plain data, so the processes of
 * `tally serve --workers N` can send theirs to the primary, which adds them up
 * (mergeSnapshots, src/cli/serve-cluster.ts) before they are written out (prometheusText).
 * Written here rather than taken from prom-client: three metric families do not need a library,
 * and the snapshot has to cross IPC as plain JSON anyway.
 */

/** Upper bounds of the duration histogram, in seconds (Prometheus client defaults). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface DurationHistogram {
  method: string;
  route: string;
  /** Requests at or under each bound of DURATION_BUCKETS (not cumulative). */
  buckets: number[];
  sum: number;
  count: number;
}

/** One process's CPU, memory and start time (process_* and nodejs_* metrics). */
export interface ProcessSample {
  pid: number;
  /** `server` (a single process), `primary` or `worker` of a cluster. */
  role: string;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  residentBytes: number;
  heapUsedBytes: number;
  startTimeSeconds: number;
}

export interface MetricsSnapshot {
  requests: { method: string; route: string; status: number; count: number }[];
  durations: DurationHistogram[];
}

export function processSample(role: string): ProcessSample {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    pid: process.pid,
    role,
    cpuUserSeconds: cpu.user / 1e6,
    cpuSystemSeconds: cpu.system / 1e6,
    residentBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    startTimeSeconds: Math.round((Date.now() - process.uptime() * 1000) / 1000),
  };
}

/** Counts of the requests this process answered. */
export class RequestMetrics {
  private readonly requests = new Map<string, MetricsSnapshot['requests'][number]>();
  private readonly durations = new Map<string, DurationHistogram>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    const counted = this.requests.get(key) ?? { method, route, status, count: 0 };
    counted.count++;
    this.requests.set(key, counted);
    const histogramKey = `${method} ${route}`;
    const histogram = this.durations.get(histogramKey) ?? { method, route, buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
    const bucket = DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
    if (bucket >= 0) histogram.buckets[bucket]++;
    histogram.sum += seconds;
    histogram.count++;
    this.durations.set(histogramKey, histogram);
  }

  snapshot(): MetricsSnapshot {
    return {
      requests: [...this.requests.values()].map((r) => ({ ...r })),
      durations: [...this.durations.values()].map((h) => ({ ...h, buckets: [...h.buckets] })),
    };
  }
}

/** The counts of several processes added up. */
export function mergeSnapshots(snapshots: readonly MetricsSnapshot[]): MetricsSnapshot {
  const requests = new Map<string, MetricsSnapshot['requests'][number]>();
  const durations = new Map<string, DurationHistogram>();
  for (const s of snapshots) {
    for (const r of s.requests) {
      const key = `${r.method} ${r.route} ${r.status}`;
      const into = requests.get(key) ?? { ...r, count: 0 };
      into.count += r.count;
      requests.set(key, into);
    }
    for (const h of s.durations) {
      const key = `${h.method} ${h.route}`;
      const into = durations.get(key) ?? { ...h, buckets: h.buckets.map(() => 0), sum: 0, count: 0 };
      h.buckets.forEach((n, i) => (into.buckets[i] += n));
      into.sum += h.sum;
      into.count += h.count;
      durations.set(key, into);
    }
  }
  return { requests: [...requests.values()], durations: [...durations.values()] };
}

/** A label value escaped as the exposition format asks (backslash, quote, newline). */
const labelValue = (v: string | number): string => String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string | number>): string =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${labelValue(v)}"`)
    .join(',')}}`;

const byLabels = <T extends { method: string; route: string }>(a: T, b: T) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method);

/** The exposition text of request counts and durations and of the processes sampled. */
export function prometheusText(snapshot: MetricsSnapshot, processes: readonly ProcessSample[]): string {
  const lines: string[] = [];
  const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family('tally_http_requests_total', 'counter', 'HTTP requests answered, by method, route pattern and status.');
  for (const r of [...snapshot.requests].sort((a, b) => byLabels(a, b) || a.status - b.status)) {
    lines.push(`tally_http_requests_total${labels({ method: r.method, route: r.route, status: r.status })} ${r.count}`);
  }

  family('tally_http_request_duration_seconds', 'histogram', 'Time from a request to the last byte of its answer, by method and route pattern.');
  for (const h of [...snapshot.durations].sort(byLabels)) {
    let cumulative = 0;
    DURATION_BUCKETS.forEach((bound, i) => {
      cumulative += h.buckets[i];
      lines.push(`tally_http_request_duration_seconds_bucket${labels({ method: h.method, route: h.route, le: bound })} ${cumulative}`);
    });
    lines.push(`tally_http_request_duration_seconds_bucket${labels({ method: h.method, route: h.route, le: '+Inf' })} ${h.count}`);
    lines.push(`tally_http_request_duration_seconds_sum${labels({ method: h.method, route: h.route })} ${h.sum}`);
    lines.push(`tally_http_request_duration_seconds_count${labels({ method: h.method, route: h.route })} ${h.count}`);
  }

  const perProcess = (name: string, type: string, help: string, value: (p: ProcessSample) => number) => {
    family(name, type, help);
    for (const p of processes) lines.push(`${name}${labels({ pid: p.pid, role: p.role })} ${value(p)}`);
  };
  perProcess('process_cpu_user_seconds_total', 'counter', 'User CPU time spent, in seconds.', (p) => p.cpuUserSeconds);
  perProcess('process_cpu_system_seconds_total', 'counter', 'System CPU time spent, in seconds.', (p) => p.cpuSystemSeconds);
  perProcess('process_cpu_seconds_total', 'counter', 'User and system CPU time spent, in seconds.', (p) => p.cpuUserSeconds + p.cpuSystemSeconds);
  perProcess('process_resident_memory_bytes', 'gauge', 'Resident memory size, in bytes.', (p) => p.residentBytes);
  perProcess('nodejs_heap_size_used_bytes', 'gauge', 'JavaScript heap in use, in bytes.', (p) => p.heapUsedBytes);
  perProcess('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.', (p) => p.startTimeSeconds);
  return `${lines.join('\n')}\n`;
}

/** The media type of the text exposition format. */
export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

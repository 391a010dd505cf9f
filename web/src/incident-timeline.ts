/**
 * The timeline: uPlot stacked bars of killed per day, week, month or year, one colour per perpetrator
 * (an incident with several perpetrators in one "several" colour, so bars add up). Dragging
 * across it (uPlot's selection) reports the covered buckets as a `from`/`to` date range, which the
 * dashboard applies to the map and list; the range stays drawn while it is the active filter.
 * Stacking is done by drawing each perpetrator's running sum, largest first, so each bar shows its
 * own slice; the legend's hover values are the per-perpetrator figures, not the sums.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { perpetratorStyle } from './perpetrator-palette.ts';
import { dayNumber, isoDay, rangeOfBuckets, tickLabels, type StackedSeries, type TimeBucket } from './timeline-series.ts';

export interface TimelineOptions {
  onBrush: (range: { from: string; to: string }) => void;
}

const HEIGHT = 150;
const DAY_S = 86_400;
/** Half a bucket in seconds: bars are centred on their bucket's start, the axis padded by half of one. */
function halfBucket(bucket: TimeBucket): number {
  return ({ day: 1, week: 7, month: 30, year: 365 } as const)[bucket] * DAY_S / 2;
}

const BUCKET_LABELS: Record<TimeBucket, string> = { day: 'Day', week: 'Week of', month: 'Month of', year: 'Year of' };
/** Tick spacings (days) uPlot may choose from, fine to coarse, per bucket. */
const TICK_DAYS: Record<TimeBucket, number[]> = { day: [1, 2, 7, 14, 28, 91, 182, 364], week: [7, 14, 28, 91, 182, 364], month: [28, 91, 182, 364, 728], year: [364, 728, 1820, 3640] };

export class IncidentTimeline {
  private plot: uPlot | null = null;
  private series: StackedSeries | null = null;
  private range: { from?: string; to?: string } = {};
  private readonly observer: ResizeObserver;

  constructor(private readonly el: HTMLElement, private readonly options: TimelineOptions) {
    this.observer = new ResizeObserver(() => {
      if (!this.plot) return;
      const width = this.width();
      if (Math.abs(width - this.plot.width) > 1) {
        this.plot.setSize({ width, height: HEIGHT });
        this.drawRange();
      }
    });
    this.observer.observe(el);
  }

  private width(): number {
    return Math.max(200, Math.floor(this.el.clientWidth));
  }

  setData(series: StackedSeries): void {
    this.plot?.destroy();
    this.plot = null;
    this.series = series;
    this.el.replaceChildren();
    if (series.keys.length === 0) {
      const p = document.createElement('p');
      p.className = 'empty';
      p.textContent = 'No killed figures stated for the incidents matching these filters.';
      this.el.append(p);
      this.el.setAttribute('aria-label', 'Timeline: no killed figures to chart');
      return;
    }
    const halfStep = halfBucket(series.bucket);
    // Drawn last = on top, so the smallest running sum (first perpetrator) goes last.
    const order = series.perpetrators.map((_, p) => p).reverse();
    const opts: uPlot.Options = {
      width: this.width(),
      height: HEIGHT,
      scales: {
        x: { time: true, range: (_u, min, max) => [min - halfStep, max + halfStep] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
      },
      series: [
        { label: BUCKET_LABELS[series.bucket], value: (_u: uPlot, v: number | null) => (v === null ? '–' : isoDay(Math.round(v / DAY_S))) },
        ...order.map((p) => {
          const style = perpetratorStyle(series.perpetrators[p]);
          return {
            label: style.label,
            stroke: style.colour,
            fill: style.colour,
            width: 0,
            points: { show: false },
            paths: uPlot.paths.bars!({ size: [0.86, 48], align: 0 }),
            value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) =>
              idx === null ? '–' : String(series.raw[p][idx]),
          } satisfies uPlot.Series;
        }),
      ],
      // Buckets are UTC calendar days: ticks on whole days, labelled with the year where it is new.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      axes: [
        {
          stroke: '#444',
          grid: { show: false },
          space: 56,
          incrs: TICK_DAYS[series.bucket].map((d) => d * DAY_S),
          values: (_u, splits) => tickLabels(splits, series.bucket),
        },
        { stroke: '#444', size: 42, grid: { stroke: '#e4e4e4' } },
      ],
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      select: { show: true, left: 0, top: 0, width: 0, height: 0 },
      legend: { live: true },
      hooks: {
        setSelect: [(u) => this.onSelect(u)],
        // Scales exist only once the first draw is done; the active range is drawn then.
        ready: [(u) => this.drawRange(u)],
      },
    };
    const data: uPlot.AlignedData = [series.xs, ...order.map((p) => series.stacked[p])];
    this.plot = new uPlot(opts, data, this.el);
    // Series are drawn largest running sum first; list them in stacking order (bottom first) instead.
    const legendRows = this.el.querySelector('.u-legend tbody');
    if (legendRows) {
      const [xRow, ...rows] = [...legendRows.children];
      legendRows.append(xRow, ...rows.reverse());
    }
    const total = series.raw.reduce((sum, values) => sum + values.reduce((a, b) => a + b, 0), 0);
    this.el.setAttribute(
      'aria-label',
      `Timeline of killed per ${series.bucket}, ${series.keys[0]} to ${series.keys[series.keys.length - 1]}: ${total} killed in total`,
    );
    this.drawRange();
  }

  /** Show the active date filter as the chart's selection (without firing onBrush). */
  showRange(from: string | undefined, to: string | undefined): void {
    this.range = { from, to };
    this.drawRange();
  }

  private onSelect(u: uPlot): void {
    if (!this.series) return;
    const { left, width } = u.select;
    if (width < 3) {
      // A click, not a drag: keep showing the current filter.
      this.drawRange();
      return;
    }
    const range = rangeOfBuckets(this.series, u.posToIdx(left), u.posToIdx(left + width));
    if (range) this.options.onBrush(range);
  }

  private drawRange(u: uPlot | null = this.plot): void {
    const s = this.series;
    if (!u || !s) return;
    const { from, to } = this.range;
    if (!from && !to) {
      u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      return;
    }
    const half = halfBucket(s.bucket);
    const fromS = from ? dayNumber(from) * DAY_S : s.xs[0];
    const toS = to ? dayNumber(to) * DAY_S : s.xs[s.xs.length - 1];
    const plotWidth = u.bbox.width / devicePixelRatio;
    const left = Math.max(0, u.valToPos(fromS - half, 'x'));
    const right = Math.min(plotWidth, u.valToPos(toS + half, 'x'));
    u.setSelect({ left, top: 0, width: Math.max(0, right - left), height: u.bbox.height / devicePixelRatio }, false);
  }
}

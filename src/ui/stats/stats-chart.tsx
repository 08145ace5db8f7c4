import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { StatsBucket } from '../../projections/stats';
import type { Language } from '../../store/language';
import { dateFormat } from '../i18n';

export const CHART_HEIGHT = 260;
/** Least time between two data redraws. */
const DATA_REDRAW_MS = 120;

export interface StatsSeriesLabels {
  /** The legend's name for the time column (uPlot's default is an English "Time"). */
  time: string;
  likesDelivered: string;
  balance: string;
  placed: string;
  inProgress: string;
  completed: string;
  failed: string;
  cancelled: string;
}

export interface StatsChartProps {
  buckets: StatsBucket[];
  /** Slider position (epoch ms) for the vertical marker; null for none. */
  markerAt: number | null;
  /** Right end of the time axis (epoch ms), so the marker moves across the whole history. */
  endAt: number | null;
  labels: StatsSeriesLabels;
  /** Dates on the time axis and in the legend are written in this language (uPlot's own are English). */
  language: Language;
  /** Accessible name of the chart. */
  title: string;
}

type SeriesKey = Exclude<keyof StatsSeriesLabels, 'time'>;
const SERIES: { key: SeriesKey; scale: 'likes' | 'points' | 'orders'; color: string }[] = [
  { key: 'likesDelivered', scale: 'likes', color: '#0f766e' },
  { key: 'balance', scale: 'points', color: '#1c7ed6' },
  { key: 'placed', scale: 'orders', color: '#868e96' },
  { key: 'inProgress', scale: 'orders', color: '#f59f00' },
  { key: 'completed', scale: 'orders', color: '#2f9e44' },
  { key: 'failed', scale: 'orders', color: '#e03131' },
  { key: 'cancelled', scale: 'orders', color: '#7048e8' },
];

/** uPlot draws on a canvas; jsdom (tests) has none, so the chart is skipped there. */
export function canvasAvailable(): boolean {
  if (typeof document === 'undefined' || typeof HTMLCanvasElement === 'undefined') return false;
  try {
    return HTMLCanvasElement.prototype.getContext.call(document.createElement('canvas'), '2d') != null;
  } catch {
    return false;
  }
}

function toData(buckets: StatsBucket[]): uPlot.AlignedData {
  return [buckets.map((b) => b.t / 1000), ...SERIES.map((s) => buckets.map((b) => b[s.key]))];
}

interface Live {
  markerAt: number | null;
  endAt: number | null;
}

/** Tick label format: hours within a day or two, dates beyond. */
function tickFormat(language: Language, spanMs: number): Intl.DateTimeFormat {
  return spanMs > 2 * 86_400_000
    ? dateFormat(language, { month: 'short', day: 'numeric' })
    : dateFormat(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Tick labels: hours within a day or two, dates beyond. */
export function timeTicks(language: Language, splits: number[]): string[] {
  const spanMs = splits.length > 1 ? (splits[splits.length - 1] - splits[0]) * 1000 : 0;
  const f = tickFormat(language, spanMs);
  return splits.map((s) => f.format(s * 1000));
}

/** The axis font, in CSS px (set on the axis, so what is measured is what is drawn). */
export const AXIS_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', 'Noto Sans CJK KR', NanumGothic, sans-serif";
/** Empty space kept between two neighbouring tick labels, in px. */
export const TICK_GAP = 16;
// Wide dates in both languages ("Dec 28, 23:58", "12월 28일 오후 11:58"): no label is wider than the widest of these.
const WIDE_SAMPLES = [new Date(2026, 11, 28, 23, 58).getTime(), new Date(2026, 10, 30, 12, 48).getTime(), new Date(2026, 8, 29, 20, 58).getTime()];

/**
 * Least distance between two time ticks: the widest label of this language and span plus a gap.
 * uPlot's default (50 px) fits "Nov 4" but not "11월 4일", so Korean dates ran into each other.
 */
export function timeTickSpace(language: Language, spanSec: number, measure: (text: string) => number): number {
  const f = tickFormat(language, spanSec * 1000);
  return Math.ceil(Math.max(...WIDE_SAMPLES.map((t) => measure(f.format(t))))) + TICK_GAP;
}

let measureContext: CanvasRenderingContext2D | null | undefined;
function measureAxisText(text: string): number {
  if (measureContext === undefined) {
    measureContext = document.createElement('canvas').getContext('2d');
    if (measureContext) measureContext.font = AXIS_FONT;
  }
  // Without a canvas (never in a browser) assume a wide glyph per character.
  return measureContext ? measureContext.measureText(text).width : text.length * 12;
}

function options(width: number, labels: StatsSeriesLabels, language: Language, live: { current: Live }): uPlot.Options {
  const legendTime = dateFormat(language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return {
    width,
    height: CHART_HEIGHT,
    scales: {
      x: {
        time: true,
        range: (_u, min, max) => {
          const end = live.current.endAt != null ? Math.max(max, live.current.endAt / 1000) : max;
          return min === end ? [min - 1800, end + 1800] : [min, end];
        },
      },
    },
    series: [
      { label: labels.time, value: (_u, v) => (v == null ? '' : legendTime.format(v * 1000)) },
      ...SERIES.map((s) => ({ label: labels[s.key], scale: s.scale, stroke: s.color, width: 2, points: { show: false } })),
    ],
    axes: [
      {
        font: AXIS_FONT,
        space: (_u, _axis, min, max) => timeTickSpace(language, max - min, measureAxisText),
        values: (_u, splits) => timeTicks(language, splits),
      },
      // Wide enough for "1,250,000": uPlot's default size clips large counts.
      { scale: 'likes', stroke: SERIES[0].color, size: 72 },
      { scale: 'points', side: 1, stroke: SERIES[1].color, grid: { show: false }, size: 72 },
      { scale: 'orders', side: 1, grid: { show: false } },
    ],
    hooks: {
      draw: [
        (u) => {
          const at = live.current.markerAt;
          if (at == null) return;
          const x = Math.round(u.valToPos(at / 1000, 'x', true));
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#d9480f';
          ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      ],
    },
  };
}

/** The uPlot chart: created once per language, fed new data and marker positions, resized with its container. */
export function StatsChart({ buckets, markerAt, endAt, labels, language, title }: StatsChartProps) {
  const [supported] = useState(canvasAvailable);
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const liveRef = useRef<Live>({ markerAt, endAt });
  const dataRef = useRef<StatsBucket[]>(buckets);

  useEffect(() => {
    const host = hostRef.current;
    if (!supported || !host) return;
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const plot = new UPlot(options(host.clientWidth || 600, labels, language, liveRef), toData(dataRef.current), host);
      plotRef.current = plot;
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => {
          if (host.clientWidth > 0) plot.setSize({ width: host.clientWidth, height: CHART_HEIGHT });
        });
        observer.observe(host);
      }
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plotRef.current?.destroy();
      plotRef.current = null;
    };
  }, [supported, labels, language]);

  // Redraws are coalesced to one per frame, and new data to at most ~8 per second: while the slider is
  // dragged the marker moves every frame, but rebuilding seven series each step would cost the frame rate.
  // Off screen (below the fold while the slider is dragged) nothing is drawn: uPlot's redraws cost ~4 ms
  // of script per step there (bench/ab/views-probe.mjs). The chart catches up when it scrolls into view.
  const redraw = useRef<{ frame: number; timer?: ReturnType<typeof setTimeout>; data: boolean; lastData: number; hidden: boolean; missed: boolean }>({
    frame: 0,
    data: false,
    lastData: 0,
    hidden: false,
    missed: false,
  });
  const schedule = (data: boolean) => {
    const r = redraw.current;
    r.data ||= data;
    if (r.hidden) {
      r.missed = true;
      return;
    }
    if (r.frame || r.timer) return;
    r.frame = requestAnimationFrame(function draw() {
      r.frame = 0;
      const plot = plotRef.current;
      if (!plot) return;
      if (r.data) {
        const wait = r.lastData + DATA_REDRAW_MS - performance.now();
        if (wait > 0) {
          plot.redraw(false, false);
          r.timer = setTimeout(() => {
            r.timer = undefined;
            r.frame = requestAnimationFrame(draw);
          }, wait);
          return;
        }
        r.data = false;
        r.lastData = performance.now();
        plot.setData(toData(dataRef.current));
      } else plot.redraw(false, false);
    });
  };
  useEffect(() => {
    const r = redraw.current;
    return () => {
      cancelAnimationFrame(r.frame);
      clearTimeout(r.timer);
    };
  }, []);

  const scheduleRef = useRef(schedule);
  useEffect(() => {
    scheduleRef.current = schedule;
  });
  useEffect(() => {
    const host = hostRef.current;
    if (!supported || !host || typeof IntersectionObserver === 'undefined') return;
    const r = redraw.current;
    const io = new IntersectionObserver(([entry]) => {
      r.hidden = !entry.isIntersecting;
      if (!r.hidden && r.missed) {
        r.missed = false;
        scheduleRef.current(true);
      }
    });
    io.observe(host);
    return () => io.disconnect();
  }, [supported]);

  useEffect(() => {
    dataRef.current = buckets;
    schedule(true);
  }, [buckets]);

  useEffect(() => {
    const endChanged = liveRef.current.endAt !== endAt;
    liveRef.current = { markerAt, endAt };
    // A new end widens the x range (new data pass); a new marker only needs a redraw.
    schedule(endChanged);
  }, [markerAt, endAt]);

  if (!supported) return null;
  return <div ref={hostRef} className="stats__chart" role="img" aria-label={title} />;
}

'use client';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { cssToken, useTheme } from '@/hooks/use-theme';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** A hex colour or a theme token (`var(--chart-cpu)`) for the line (and a faint fill under it). */
  color: string;
}

const AXIS_FONT = '11px ui-sans-serif, system-ui, sans-serif';

const MIN_SPAN_S = 60;
/** Whole-second tick steps only: sub-second ticks would repeat the same label. */
const TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const clockTime = (epochSeconds: number) => clock.format(epochSeconds * 1000);

/**
 * A small live time-series chart (uPlot draws on a canvas: hundreds of points a second cost next
 * to nothing). `times` are epoch milliseconds; `values[i]` is the line of `series[i]`. The y axis
 * starts at 0, and `yMax` keeps a floor on its top (e.g. 100 % for CPU).
 */
export function SparklineChart({
  label,
  times,
  series,
  values,
  format,
  height = 110,
  yMax,
}: {
  label: string;
  times: number[];
  series: ChartSeries[];
  values: (number | null)[][];
  format: (v: number) => string;
  height?: number;
  yMax?: number;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const dataRef = useRef<uPlot.AlignedData>([[]]);
  // Options read at draw time, so the chart need not be rebuilt when they change.
  const live = useRef({ format, yMax });
  live.current = { format, yMax };
  dataRef.current = [times.map((t) => t / 1000), ...values];

  const seriesKey = series.map((s) => `${s.label}:${s.color}`).join('|');
  // The canvas cannot use CSS variables: colours are read from the theme, and the chart redrawn when it switches.
  const theme = useTheme();

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const AXIS_COLOR = cssToken('--muted');
    const GRID_COLOR = cssToken('--line');
    const opts: uPlot.Options = {
      width: Math.max(100, host.clientWidth),
      height,
      legend: { show: false },
      cursor: { y: false, points: { size: 6 } },
      padding: [8, 8, 0, 0],
      scales: {
        // At least a minute wide, so the first few samples do not stretch across the whole chart.
        x: { time: true, range: (_u, min, max) => [Math.min(min, max - MIN_SPAN_S), max] },
        y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, live.current.yMax ?? 0, 1e-9)] },
      },
      axes: [
        {
          stroke: AXIS_COLOR,
          font: AXIS_FONT,
          size: 24,
          space: 72,
          incrs: TIME_INCRS,
          grid: { show: false },
          ticks: { stroke: GRID_COLOR, width: 1, size: 4 },
          // One line, wall-clock time: uPlot's default adds a date line that does not fit a sparkline.
          values: (_u, splits) => splits.map(clockTime),
        },
        {
          stroke: AXIS_COLOR,
          font: AXIS_FONT,
          size: 72,
          grid: { stroke: GRID_COLOR, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((v) => live.current.format(v)),
        },
      ],
      series: [
        {},
        ...series.map((s) => {
          const color = cssToken(s.color);
          return { label: s.label, stroke: color, width: 1.5, fill: `${color}22`, points: { show: false } };
        }),
      ],
    };
    const plot = new uPlot(opts, dataRef.current, host);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(100, host.clientWidth), height }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // Rebuilt only when the lines themselves change; data and formatting flow through refs.
  }, [seriesKey, height, theme]);

  useEffect(() => {
    plotRef.current?.setData(dataRef.current);
  });

  return <div ref={hostRef} role="img" aria-label={label} className="w-full min-w-0" style={{ height }} />;
}

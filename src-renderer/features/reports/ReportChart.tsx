import { useEffect, useRef } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';

// Only the pieces the reports draw: lines (trends, projected by day), bars (the funnel, shares), doughnuts.
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip);

export type ReportChartConfig = ChartConfiguration;

declare module 'chart.js' {
  // The merged interface must repeat chart.js's type parameter, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    /** A dashed target line across the value axis (a bar chart's x). */
    targetLine?: { value?: number; label?: string };
  }
}

/** A dashed line across the value axis at `targetLine` (the cascade's 80 % "rule of eights"). */
const targetLinePlugin: Plugin = {
  id: 'targetLine',
  afterDatasetsDraw(chart, _args, options: { value?: number; label?: string }) {
    if (options.value === undefined) return;
    const scale = chart.scales.x;
    const { top, bottom } = chart.chartArea;
    const x = scale.getPixelForValue(options.value);
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#b42318';
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    if (options.label) {
      ctx.fillStyle = '#b42318';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(options.label, x + 4, top + 10);
    }
    ctx.restore();
  },
};

const printing = () => window.matchMedia('print').matches;

/**
 * One chart.js canvas: drawn when the config changes, destroyed on unmount. No animation when printing or when the
 * reader asked for less motion; the canvas is redrawn to the paper's width before the print dialog takes it.
 */
export function ReportChart({ title, config, wide, testId }: { title: string; config: ReportChartConfig; wide?: boolean; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const still = printing() || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const chart = new Chart(canvas.current, {
      ...config,
      plugins: [...(config.plugins ?? []), targetLinePlugin as Plugin],
      options: { ...config.options, animation: still ? false : config.options?.animation, responsive: true, maintainAspectRatio: false },
    });
    const resize = () => chart.resize();
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      chart.destroy();
    };
  }, [config]);
  return (
    <figure className={`report-chart ${wide ? 'report-chart-wide' : ''}`} data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="report-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}

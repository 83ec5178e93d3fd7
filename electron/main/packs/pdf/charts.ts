import type { ChartSeries, EvidenceItem } from '../../../../shared/schemas/pack';
import { type Canvas, ensureSpace, heading, refText } from './blocks';
import { FONT, THEME } from './theme';

type ChartItem = Extract<EvidenceItem, { kind: 'chart' }>;

const HEIGHT = 150;
const AXIS_LEFT = 42;
const LEGEND_H = 14;
const X_LABELS_H = 22;

interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
  min: number;
  max: number;
}

/** Round axis bounds to "nice" numbers so ticks read cleanly. */
function niceBounds(values: number[]): { min: number; max: number; step: number } {
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, lo + 1e-9);
  const raw = (hi - lo) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

const yOf = (f: Frame, v: number) => f.y + f.h - ((v - f.min) / (f.max - f.min || 1)) * f.h;

function axes(c: Canvas, f: Frame, step: number, yLabel: string): void {
  const { doc } = c;
  doc.save().lineWidth(0.3).strokeColor(THEME.color.rule);
  doc.font(FONT.sans).fontSize(6.5).fillColor(THEME.color.muted);
  for (let v = f.min; v <= f.max + step / 2; v += step) {
    const y = yOf(f, v);
    doc.moveTo(f.x, y).lineTo(f.x + f.w, y).stroke();
    doc.text(String(Number(v.toPrecision(4))), f.x - AXIS_LEFT, y - 3, { width: AXIS_LEFT - 4, align: 'right', lineBreak: false });
  }
  doc.lineWidth(0.8).strokeColor(THEME.color.muted).moveTo(f.x, f.y).lineTo(f.x, f.y + f.h).lineTo(f.x + f.w, f.y + f.h).stroke();
  doc.text(yLabel, f.x + 4, f.y - 10, { lineBreak: false });
  doc.restore();
}

function xLabels(c: Canvas, f: Frame, labels: string[], slot: number, centred: boolean): void {
  const { doc } = c;
  const every = Math.max(1, Math.ceil(labels.length / 8));
  doc.font(FONT.sans).fontSize(6.5).fillColor(THEME.color.muted);
  labels.forEach((label, i) => {
    if (i % every !== 0 && i !== labels.length - 1) return;
    const x = f.x + slot * i + (centred ? slot / 2 : 0);
    doc.text(label, x - 30, f.y + f.h + 4, { width: 60, align: 'center', lineBreak: false });
  });
  doc.fillColor(THEME.color.text);
}

function thresholds(c: Canvas, f: Frame, chart: ChartItem, vertical: { labels: string[]; slot: number } | null): void {
  const { doc } = c;
  chart.thresholds.forEach((t, i) => {
    const colour = THEME.color.threshold[i % THEME.color.threshold.length] ?? '#000';
    doc.save().lineWidth(1).dash(4, { space: 3 }).strokeColor(colour);
    if (vertical) {
      // On a score histogram the cut-off is a score, so it is drawn across the bins it falls between.
      const x = f.x + vertical.slot * binPosition(vertical.labels, t.value);
      doc.moveTo(x, f.y).lineTo(x, f.y + f.h).stroke();
      doc.undash().restore().font(FONT.sans).fontSize(6.5).fillColor(colour).text(t.label, x + 2, f.y + 2, { lineBreak: false });
    } else {
      const y = yOf(f, t.value);
      if (y < f.y || y > f.y + f.h) return void doc.undash().restore();
      doc.moveTo(f.x, y).lineTo(f.x + f.w, y).stroke();
      doc.undash().restore().font(FONT.sans).fontSize(6.5).fillColor(colour).text(t.label, f.x + f.w - 110, y - 8, { width: 108, align: 'right', lineBreak: false });
    }
  });
  doc.fillColor(THEME.color.text);
}

/** Index position of a value among histogram bins labelled "≤ a", "a–b", "> z". */
function binPosition(labels: string[], value: number): number {
  const uppers = labels.slice(0, -1).map((l) => Number(l.split(/–|≤ /).at(-1)));
  const i = uppers.findIndex((u) => value <= u);
  return i === -1 ? labels.length : i + 0.5;
}

function lines(c: Canvas, f: Frame, series: ChartSeries[], labels: string[]): void {
  const { doc } = c;
  const slot = labels.length > 1 ? f.w / (labels.length - 1) : f.w;
  series.forEach((s, si) => {
    const colour = THEME.color.series[si % THEME.color.series.length] ?? '#000';
    const pts = s.points.map((p) => ({ x: f.x + slot * Math.max(0, labels.indexOf(p.x)), y: yOf(f, p.y) }));
    doc.save().lineWidth(1.4).strokeColor(colour);
    pts.forEach((p, i) => (i === 0 ? doc.moveTo(p.x, p.y) : doc.lineTo(p.x, p.y)));
    if (pts.length > 1) doc.stroke();
    for (const p of pts) doc.circle(p.x, p.y, 1.6).fill(colour);
    doc.restore();
  });
  xLabels(c, f, labels, slot, false);
}

function bars(c: Canvas, f: Frame, series: ChartSeries[], labels: string[]): number {
  const { doc } = c;
  const slot = f.w / Math.max(1, labels.length);
  const barW = (slot * 0.8) / Math.max(1, series.length);
  series.forEach((s, si) => {
    // The training reference is drawn in grey behind the current population, as in the console.
    const colour = (s.name.startsWith('training') ? THEME.color.series[1] : THEME.color.series[0]) ?? '#000';
    s.points.forEach((p) => {
      const i = labels.indexOf(p.x);
      const x = f.x + slot * i + slot * 0.1 + barW * si;
      const y = yOf(f, p.y);
      doc.save().rect(x, y, barW - 1, f.y + f.h - y).fill(colour).restore();
    });
  });
  xLabels(c, f, labels, slot, true);
  return slot;
}

function legend(c: Canvas, f: Frame, series: ChartSeries[], isBars: boolean): void {
  const { doc } = c;
  let x = f.x;
  const y = f.y + f.h + X_LABELS_H;
  series.forEach((s, si) => {
    const colour = (isBars ? (s.name.startsWith('training') ? THEME.color.series[1] : THEME.color.series[0]) : THEME.color.series[si % THEME.color.series.length]) ?? '#000';
    doc.save().rect(x, y + 2, 8, 6).fill(colour).restore();
    doc.font(FONT.sans).fontSize(7).fillColor(THEME.color.text).text(s.name, x + 11, y, { lineBreak: false });
    x += 16 + doc.widthOfString(s.name);
  });
}

/** Draw a chart as vector paths: axes with nice ticks, series, dashed thresholds, legend, source refs. */
export function drawChart(c: Canvas, chart: ChartItem): void {
  const { doc } = c;
  ensureSpace(c, HEIGHT + X_LABELS_H + LEGEND_H + 50);
  heading(c, chart.title, 2);
  const values = [...chart.series.flatMap((s) => s.points.map((p) => p.y)), ...(chart.chart === 'score-distribution' ? [] : chart.thresholds.map((t) => t.value))];
  const { min, max, step } = niceBounds(values.length > 0 ? values : [0, 1]);
  const f: Frame = { x: c.left + AXIS_LEFT, y: doc.y + 12, w: c.width - AXIS_LEFT - 8, h: HEIGHT, min, max };
  axes(c, f, step, chart.yLabel);
  const isBars = chart.chart === 'score-distribution';
  const labels = isBars
    ? (chart.series[0]?.points.map((p) => p.x) ?? [])
    : [...new Set(chart.series.flatMap((s) => s.points.map((p) => p.x)))].sort();
  const slot = isBars ? bars(c, f, chart.series, labels) : (lines(c, f, chart.series, labels), 0);
  thresholds(c, f, chart, isBars ? { labels, slot } : null);
  legend(c, f, chart.series, isBars);
  doc.y = f.y + f.h + X_LABELS_H + LEGEND_H;
  const refs = refText(c, chart.provenance).trim();
  doc.font(FONT.sans).fontSize(THEME.size.small).fillColor(THEME.color.muted)
    .text(`Source: ${chart.provenance.length} record(s) ${refs}`, c.left, doc.y, { width: c.width });
  doc.fillColor(THEME.color.text);
  doc.y += 8;
}

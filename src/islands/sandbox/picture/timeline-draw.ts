// Drawing of the timeline canvas: the time axis, the visible lanes' state bars (colour + fill pattern + the
// kubectl STATUS word where it fits), restart marks and the "now" line. Only visible rows are drawn, so the
// cost per frame does not grow with the number of pods. The event log and the lane list are its text form.
import type { Lane, LaneState } from '../../../engine/picture/types.ts';
import { span } from './format.ts';
import { STATE_STYLE, type Fill } from './state-style.ts';
import { axisTicks, tickLabel } from './time-axis.ts';

export const ROW_H = 26;
export const AXIS_H = 28;

export interface Palette {
  fg: string;
  muted: string;
  bg: string;
  surface: string;
  surface2: string;
  border: string;
  accent: string;
  accentFg: string;
  accentSoft: string;
  ok: string;
  warn: string;
  bad: string;
  info: string;
  focus: string;
  font: string;
}

export function readPalette(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string) => cs.getPropertyValue(name).trim() || '#888';
  return {
    fg: v('--fg'), muted: v('--muted'), bg: v('--bg'), surface: v('--surface'), surface2: v('--surface-2'), border: v('--border'),
    accent: v('--accent'), accentFg: v('--accent-fg'), accentSoft: v('--accent-soft'),
    ok: v('--ok'), warn: v('--warn'), bad: v('--bad'), info: v('--info'), focus: v('--focus'),
    font: cs.fontFamily || 'system-ui, sans-serif',
  };
}

export function stateColor(p: Palette, state: LaneState): string {
  switch (STATE_STYLE[state].color) {
    case '--ok': return p.ok;
    case '--warn': return p.warn;
    case '--bad': return p.bad;
    case '--info': return p.info;
    default: return p.muted;
  }
}

export interface View {
  /** CSS pixels of the canvas. */
  width: number;
  height: number;
  dpr: number;
  t0: number;
  t1: number;
  now: number;
  scrollTop: number;
  first: number;
  last: number;
  lanes: Lane[];
  selected: string | null;
  hover: number;
  palette: Palette;
}

/** Tiles of the fill patterns, per palette (rebuilt when the theme changes). */
const patternCache = new WeakMap<Palette, Map<string, CanvasPattern | null>>();

function pattern(ctx: CanvasRenderingContext2D, p: Palette, fill: Fill, color: string, dpr: number): CanvasPattern | null {
  let cache = patternCache.get(p);
  if (!cache) patternCache.set(p, (cache = new Map()));
  const id = `${fill}|${color}|${dpr}`;
  if (cache.has(id)) return cache.get(id)!;
  const size = Math.round(8 * dpr);
  const tile = document.createElement('canvas');
  tile.width = tile.height = size;
  const t = tile.getContext('2d')!;
  t.fillStyle = color;
  t.fillRect(0, 0, size, size);
  t.strokeStyle = p.bg;
  t.fillStyle = p.bg;
  t.globalAlpha = 0.55;
  t.lineWidth = 1.6 * dpr;
  const line = (x0: number, y0: number, x1: number, y1: number) => {
    t.beginPath();
    t.moveTo(x0, y0);
    t.lineTo(x1, y1);
    t.stroke();
  };
  if (fill === 'hatch' || fill === 'cross') {
    line(-size, size * 2, size * 2, -size);
    line(0, size * 2, size * 2, 0);
    line(-size, size, size, -size);
  }
  if (fill === 'cross') {
    line(0, 0, size, size);
    line(-size, 0, 0, size);
    line(size, 0, size * 2, size);
  }
  if (fill === 'dots') {
    t.beginPath();
    t.arc(size / 2, size / 2, 1.5 * dpr, 0, Math.PI * 2);
    t.fill();
  }
  if (fill === 'stripes') line(size / 2, 0, size / 2, size);
  const pat = ctx.createPattern(tile, 'repeat');
  cache.set(id, pat);
  return pat;
}

export function drawTimeline(ctx: CanvasRenderingContext2D, v: View): void {
  const { width, height, dpr, palette: p } = v;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const range = Math.max(1, v.t1 - v.t0);
  const x = (t: number) => ((t - v.t0) / range) * width;
  const axis = axisTicks(v.t0, v.t1, width);

  // Rows.
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_H, width, height - AXIS_H);
  ctx.clip();
  ctx.strokeStyle = p.border;
  ctx.lineWidth = 1;
  for (const t of axis.ticks) {
    const gx = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(gx, AXIS_H);
    ctx.lineTo(gx, height);
    ctx.stroke();
  }
  ctx.font = `11px ${p.font}`;
  ctx.textBaseline = 'middle';
  for (let i = v.first; i < v.last; i++) {
    const lane = v.lanes[i];
    if (!lane) continue;
    const top = AXIS_H + i * ROW_H - v.scrollTop;
    if (lane.key === v.selected) {
      ctx.fillStyle = p.accentSoft;
      ctx.fillRect(0, top, width, ROW_H);
    } else if (i === v.hover) {
      ctx.fillStyle = p.surface2;
      ctx.fillRect(0, top, width, ROW_H);
    }
    drawLane(ctx, v, lane, top, x);
  }
  ctx.restore();

  // Axis.
  ctx.fillStyle = p.surface;
  ctx.fillRect(0, 0, width, AXIS_H);
  ctx.strokeStyle = p.border;
  ctx.beginPath();
  ctx.moveTo(0, AXIS_H - 0.5);
  ctx.lineTo(width, AXIS_H - 0.5);
  ctx.stroke();
  // The "now" label's place first: tick labels that would run into it are left out.
  const nx = Math.round(x(v.now)) + 0.5;
  const showNow = nx >= 0 && nx <= width + 1;
  ctx.font = `600 11px ${p.font}`;
  const nowW = ctx.measureText('now').width + 10;
  const nowX = Math.min(Math.max(0, nx - nowW / 2), width - nowW);
  ctx.fillStyle = p.muted;
  ctx.font = `11px ${p.font}`;
  ctx.textBaseline = 'middle';
  for (const t of axis.ticks) {
    const tx = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(tx, AXIS_H - 6);
    ctx.lineTo(tx, AXIS_H);
    ctx.stroke();
    const label = tickLabel(t, axis.step, range);
    const w = ctx.measureText(label).width;
    const collides = showNow && tx + 3 < nowX + nowW + 4 && tx + 3 + w > nowX - 4;
    if (tx + 3 + w < width && !collides) ctx.fillText(label, tx + 3, AXIS_H / 2 - 2);
  }

  // Now.
  if (showNow) {
    ctx.strokeStyle = p.accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(nx, AXIS_H - 4);
    ctx.lineTo(nx, height);
    ctx.stroke();
    ctx.font = `600 11px ${p.font}`;
    const w = nowW;
    const lx = nowX;
    ctx.fillStyle = p.accent;
    roundRect(ctx, lx, 3, w, 16, 8);
    ctx.fill();
    ctx.fillStyle = p.accentFg;
    ctx.fillText('now', lx + 5, 11);
  }
}

function drawLane(ctx: CanvasRenderingContext2D, v: View, lane: Lane, top: number, x: (t: number) => number): void {
  const p = v.palette;
  const y = top + 6;
  const h = ROW_H - 12;
  const end = lane.deletedAt ?? v.now;
  for (const seg of lane.segments) {
    const to = seg.to ?? end;
    if (to < v.t0 || seg.from > v.t1) continue;
    const x0 = Math.max(-2, x(seg.from));
    const x1 = Math.min(v.width + 2, x(to));
    const w = Math.max(1.5, x1 - x0);
    const style = STATE_STYLE[seg.state];
    const color = stateColor(p, seg.state);
    if (style.fill === 'outline' || style.fill === 'dashed') {
      ctx.save();
      ctx.globalAlpha = style.fill === 'outline' ? 0.22 : 0.1;
      ctx.fillStyle = color;
      ctx.fillRect(x0, y, w, h);
      ctx.restore();
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash(style.fill === 'dashed' ? [4, 3] : []);
      ctx.strokeRect(x0 + 0.75, y + 0.75, Math.max(0.5, w - 1.5), h - 1.5);
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = style.fill === 'solid' ? color : (pattern(ctx, p, style.fill, color, v.dpr) ?? color);
      ctx.fillRect(x0, y, w, h);
    }
    // The STATUS word on a surface-coloured pill, so it reads on any fill.
    const label = seg.status;
    const tw = ctx.measureText(label).width;
    if (w > tw + 14) {
      const lx = Math.max(x0, 0) + 3;
      if (lx + tw + 8 <= x1) {
        ctx.fillStyle = p.surface;
        roundRect(ctx, lx, y + 1.5, tw + 8, h - 3, 4);
        ctx.fill();
        ctx.fillStyle = p.fg;
        ctx.fillText(label, lx + 4, y + h / 2 + 0.5);
      }
    }
  }
  // Restart marks: a downward triangle on the bar's top edge with a line through it.
  ctx.fillStyle = p.fg;
  ctx.strokeStyle = p.fg;
  ctx.lineWidth = 1.5;
  for (const m of lane.restarts) {
    if (m.at < v.t0 || m.at > v.t1) continue;
    const mx = x(m.at);
    ctx.beginPath();
    ctx.moveTo(mx, y);
    ctx.lineTo(mx, y + h + 2);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(mx - 4.5, top + 1);
    ctx.lineTo(mx + 4.5, top + 1);
    ctx.lineTo(mx, top + 7);
    ctx.closePath();
    ctx.fill();
  }
  // A deleted pod's lane ends with a small cross.
  if (lane.deletedAt !== null && lane.deletedAt >= v.t0 && lane.deletedAt <= v.t1) {
    const dx = x(lane.deletedAt) + 5;
    const cy = y + h / 2;
    ctx.strokeStyle = p.muted;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(dx - 3, cy - 3);
    ctx.lineTo(dx + 3, cy + 3);
    ctx.moveTo(dx + 3, cy - 3);
    ctx.lineTo(dx - 3, cy + 3);
    ctx.stroke();
  }
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** What the pointer is over, for the tooltip. */
export function describeAt(lane: Lane, t: number, now: number): string {
  const seg = lane.segments.find((g) => g.from <= t && t < (g.to ?? lane.deletedAt ?? now + 1)) ?? null;
  if (!seg) return lane.name;
  const to = seg.to ?? lane.deletedAt;
  const lasted = span((to ?? now) - seg.from);
  return `${lane.name}: ${seg.status} for ${lasted}${to === undefined || to === null ? ' (so far)' : ''}`;
}

// The shape of each pod state and event type on a 16×16 grid, as data: the SVG icons (StateIcon.tsx) and the
// canvas that draws hundreds of pods (PodGrid.tsx) are drawn from the same parts, so they always look alike.
import type { LaneState } from '../../../engine/picture/types.ts';

export interface ShapePart {
  d: string;
  /** fill / stroke in the state's colour; `cut` / `cut-stroke` in the background colour (holes and marks). */
  paint: 'fill' | 'stroke' | 'cut' | 'cut-stroke';
  width?: number;
  dash?: [number, number];
  round?: boolean;
}

const circle = (cx: number, cy: number, r: number) => `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
const ring: ShapePart = { d: circle(8, 8, 5.6), paint: 'stroke', width: 1.7 };
const disc: ShapePart = { d: circle(8, 8, 6.4), paint: 'fill' };
const triangle: ShapePart = { d: 'M8 1.3 15.2 14.2H.8z', paint: 'fill' };
const triangleMark: ShapePart = { d: 'M7.2 5.6h1.6v4.6H7.2zM7.2 11.2h1.6v1.6H7.2z', paint: 'cut' };
/** The stroke width of a `cut-stroke` part. */
export const CUT_STROKE_WIDTH = 1.9;

export const STATE_SHAPES: Record<LaneState, ShapePart[]> = {
  Pending: [{ ...ring, dash: [2.4, 1.8] }],
  ContainerCreating: [ring, { d: 'M8 8V2.4A5.6 5.6 0 0 1 13.6 8z', paint: 'fill' }],
  Init: [ring, { d: 'M8 2.4a5.6 5.6 0 0 0 0 11.2z', paint: 'fill' }],
  ImagePullBackOff: [triangle, triangleMark],
  Running: [{ d: 'M4.2 2.2v11.6L13.8 8z', paint: 'fill' }],
  NotReady: [{ d: 'M4.9 3.4v9.2L12.4 8z', paint: 'stroke', width: 1.6, round: true }],
  Exited: [{ d: 'M4.5 3.3h7a1.2 1.2 0 0 1 1.2 1.2v7a1.2 1.2 0 0 1-1.2 1.2h-7a1.2 1.2 0 0 1-1.2-1.2v-7a1.2 1.2 0 0 1 1.2-1.2z', paint: 'fill' }],
  Error: [disc, { d: 'M7.2 4h1.6v5.2H7.2zM7.2 10.4h1.6V12H7.2z', paint: 'cut' }],
  CrashLoopBackOff: [{ d: 'M13.2 8.4A5.2 5.2 0 1 1 11.6 4.3M12.3 1.6v3.3H9', paint: 'stroke', width: 1.8, round: true }],
  Terminating: [{ d: 'M4 1.6h8v2.6L9.3 8 12 11.8v2.6H4v-2.6L6.7 8 4 4.2z', paint: 'fill' }],
  Unknown: [ring, { d: 'M6.2 6.3a1.9 1.9 0 1 1 2.6 1.7c-.5.3-.8.6-.8 1.3', paint: 'stroke', width: 1.5, round: true }, { d: circle(8, 11.2, 0.9), paint: 'fill' }],
  Succeeded: [disc, { d: 'M5 8.3l2.1 2.1 4-4.4', paint: 'cut-stroke' }],
  Failed: [disc, { d: 'M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8', paint: 'cut-stroke' }],
};

export const EVENT_SHAPES: Record<'Normal' | 'Warning', ShapePart[]> = {
  Warning: [triangle, triangleMark],
  Normal: [disc, { d: 'M7.2 7h1.6v5H7.2zM7.2 4h1.6v1.6H7.2z', paint: 'cut' }],
};

/** Each part's path, parsed once (a node's grid draws hundreds of icons per frame while pods change). */
const PATHS = new WeakMap<ShapePart, Path2D>();
function pathOf(part: ShapePart): Path2D {
  let path = PATHS.get(part);
  if (!path) PATHS.set(part, (path = new Path2D(part.d)));
  return path;
}

/** Draws `parts` in a `size`-pixel square at (x, y): the shape in `color`, holes and marks in `background`. */
export function drawShape(ctx: CanvasRenderingContext2D, parts: readonly ShapePart[], x: number, y: number, size: number, color: string, background: string): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(size / 16, size / 16);
  for (const part of parts) {
    const path = pathOf(part);
    const cut = part.paint === 'cut' || part.paint === 'cut-stroke';
    if (part.paint === 'fill' || part.paint === 'cut') {
      ctx.fillStyle = cut ? background : color;
      ctx.fill(path);
      continue;
    }
    ctx.strokeStyle = cut ? background : color;
    ctx.lineWidth = part.paint === 'cut-stroke' ? CUT_STROKE_WIDTH : (part.width ?? 1.5);
    ctx.lineCap = cut || part.round ? 'round' : 'butt';
    ctx.lineJoin = cut || part.round ? 'round' : 'miter';
    ctx.setLineDash(part.dash ?? []);
    ctx.stroke(path);
  }
  ctx.restore();
}

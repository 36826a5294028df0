// The pods of one node when there are many (icons only): one canvas instead of a button per pod, so hundreds of pods
// changing state in the same frame cost one redraw per node, not hundreds of element updates. It reads as a
// listbox: Tab reaches it, the arrow keys move between pods (the active one is announced with its state and its
// place, "3 of 110"), Enter or Space selects; a click selects the pod under the pointer, whose name and state the
// pointer's tooltip shows.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PodView } from '../../../engine/picture/types.ts';
import { describePod } from './format.ts';
import { drawShape, STATE_SHAPES } from './icon-shapes.ts';
import { layoutSlots, slotAt, slotToward, type Slot, type SlotMetrics } from './pod-grid-layout.ts';
import { stateColor, type Palette } from './timeline-draw.ts';
import { usePalette } from './use-palette.ts';

/** Room around the slots for the focus ring of the active pod. */
const PAD = 4;
const ICON = 14;
/** Slot sizes in rem, as the icon-only chips they stand for. */
const SLOT_REM = { slot: 1.8, wide: 3.3, height: 1.6, gap: 0.3 };

let idSeq = 0;

function roundedRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function drawPod(ctx: CanvasRenderingContext2D, pod: PodView, s: Slot, m: SlotMetrics, p: Palette, rem: number, selected: boolean, active: boolean): void {
  const h = m.height;
  const color = stateColor(p, pod.state);
  const background = selected ? p.accentSoft : p.surface;
  // The state's colour as a 4 px band on the left: the whole chip in that colour, then its body over it (no clip).
  roundedRect(ctx, s.x + 0.5, s.y + 0.5, s.w - 1, h - 1, 6);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.beginPath();
  ctx.roundRect(s.x + 4, s.y + 0.5, s.w - 4.5, h - 1, [0, 6, 6, 0]);
  ctx.fillStyle = background;
  ctx.fill();
  roundedRect(ctx, s.x + 0.5, s.y + 0.5, s.w - 1, h - 1, 6);
  ctx.lineWidth = 1;
  ctx.strokeStyle = selected ? p.accent : p.border;
  ctx.stroke();
  if (selected) {
    roundedRect(ctx, s.x - 0.5, s.y - 0.5, s.w + 1, h + 1, 7);
    ctx.strokeStyle = p.accent;
    ctx.stroke();
  }
  const iconX = pod.restarts > 0 ? s.x + 4 + 0.3 * rem : s.x + 4 + (s.w - 4 - ICON) / 2;
  drawShape(ctx, STATE_SHAPES[pod.state], iconX, s.y + (h - ICON) / 2, ICON, color, background);
  if (pod.restarts > 0) {
    ctx.font = `700 ${0.75 * rem}px ${p.font}`;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = p.bad;
    ctx.fillText(`↻${pod.restarts}`, iconX + ICON + 0.15 * rem, s.y + h / 2 + 0.5);
  }
  if (active) {
    roundedRect(ctx, s.x - 2.5, s.y - 2.5, s.w + 5, h + 5, 8);
    ctx.lineWidth = 3;
    ctx.strokeStyle = p.focus;
    ctx.stroke();
  }
}

/** What a grid's canvas shows, to tell whether a render changed any of it. */
interface Drawn {
  /** The element drawn on (a new one starts blank). */
  canvas: HTMLCanvasElement;
  pods: readonly PodView[];
  width: number;
  rem: number;
  selected: string | null;
  active: number;
  palette: Palette;
}

function sameDrawing(a: Drawn, b: Drawn): boolean {
  if (a.canvas !== b.canvas || a.width !== b.width || a.rem !== b.rem || a.selected !== b.selected || a.active !== b.active || a.palette !== b.palette) return false;
  if (a.pods.length !== b.pods.length) return false;
  return a.pods.every((p, i) => p.key === b.pods[i]!.key && p.rev === b.pods[i]!.rev);
}

export function PodGrid(props: { pods: PodView[]; label: string; selected: string | null; onSelect(key: string): void }) {
  const { pods, label, selected, onSelect } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const palette = usePalette(wrapRef);
  const [size, setSize] = useState({ width: 0, rem: 16 });
  const [active, setActive] = useState(-1);
  const [focused, setFocused] = useState(false);
  const ids = useMemo(() => `pic-grid-${++idSeq}`, []);

  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, rem: parseFloat(getComputedStyle(document.documentElement).fontSize) || 16 });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const metrics: SlotMetrics = useMemo(() => ({
    slot: SLOT_REM.slot * size.rem, wide: SLOT_REM.wide * size.rem, height: SLOT_REM.height * size.rem, gap: SLOT_REM.gap * size.rem,
  }), [size.rem]);
  const { slots, height } = useMemo(() => layoutSlots(pods, Math.max(0, size.width - 2 * PAD), metrics), [pods, size.width, metrics]);
  const current = Math.min(active, pods.length - 1);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !palette || size.width <= 0) return;
    // Redraw only when something drawn changed (the node's box re-renders with every snapshot).
    const state: Drawn = { canvas, pods, width: size.width, rem: size.rem, selected, active: focused ? current : -1, palette };
    if (drawn.current && sameDrawing(drawn.current, state)) return;
    drawn.current = state;
    const dpr = window.devicePixelRatio || 1;
    const cssH = height + 2 * PAD;
    const w = Math.round(size.width * dpr);
    const h = Math.round(cssH * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.width, cssH);
    ctx.translate(PAD, PAD);
    pods.forEach((pod, i) => drawPod(ctx, pod, slots[i]!, metrics, palette, size.rem, pod.key === selected, focused && i === current));
  });

  // The active pod's option sits over its slot, so bringing it into view scrolls whatever holds the grid (the page,
  // or the picture's pane in full screen) to the pod the arrow keys reached.
  const optionRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (focused && current >= 0) optionRef.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focused, current]);

  function indexAt(e: MouseEvent): number {
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return slotAt(slots, e.clientX - rect.left - PAD, e.clientY - rect.top - PAD, metrics.height);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (pods.length === 0) return;
    let next = current;
    switch (e.key) {
      case 'ArrowLeft': case 'ArrowRight': case 'ArrowUp': case 'ArrowDown':
        next = slotToward(slots, current, e.key);
        break;
      case 'Home': next = 0; break;
      case 'End': next = pods.length - 1; break;
      case 'Enter': case ' ':
        e.preventDefault();
        if (current >= 0) onSelect(pods[current]!.key);
        return;
      default: return;
    }
    e.preventDefault();
    setActive(next);
  }

  const shown = current >= 0 ? current : 0;
  const option = pods[shown];
  const optionId = `${ids}-${shown}`;
  return (
    <div
      ref={wrapRef}
      class="pic-grid"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={current >= 0 ? optionId : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        setFocused(true);
        if (active < 0) setActive(Math.max(0, pods.findIndex((p) => p.key === selected)));
      }}
      onBlur={() => setFocused(false)}
    >
      <canvas
        ref={canvasRef}
        aria-hidden="true"
        style={`width: ${size.width}px; height: ${height + 2 * PAD}px`}
        onClick={(e) => {
          const i = indexAt(e);
          if (i < 0) return;
          setActive(i);
          onSelect(pods[i]!.key);
        }}
        onMouseMove={(e) => {
          const i = indexAt(e);
          const canvas = e.currentTarget as HTMLCanvasElement;
          const title = i >= 0 ? describePod(pods[i]!) : '';
          if (canvas.title !== title) canvas.title = title;
        }}
      />
      {option && (
        // Only the active pod is in the document (a listbox may render just the options in view; setsize and
        // posinset give its place among all of them).
        <div
          ref={optionRef}
          id={optionId}
          role="option"
          class="visually-hidden"
          style={slots[shown] ? `left: ${slots[shown]!.x + PAD}px; top: ${slots[shown]!.y + PAD}px; width: ${slots[shown]!.w}px; height: ${metrics.height}px` : undefined}
          aria-selected={option.key === selected}
          aria-setsize={pods.length}
          aria-posinset={shown + 1}
        >
          {describePod(option)}
        </div>
      )}
    </div>
  );
}

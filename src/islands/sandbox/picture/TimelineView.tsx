// Timeline view: one lane per pod in creation order, its states as coloured, patterned bars over simulated
// time, restart marks, and the "now" line. The bars are a canvas (cheap at 500 pods: only visible rows are
// drawn); the lane names beside it are a listbox, navigable with the keyboard, that selects a pod.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lane, PictureSnapshot } from '../../../engine/picture/types.ts';
import { clockTime, plural, span } from './format.ts';
import { memo } from './memo.ts';
import { shortName } from './names.ts';
import { StateIcon } from './StateIcon.tsx';
import { AXIS_H, describeAt, drawTimeline, ROW_H } from './timeline-draw.ts';
import { usePalette } from './use-palette.ts';

const WINDOWS: { value: number; label: string }[] = [
  { value: 0, label: 'everything' },
  { value: 60_000, label: 'last minute' },
  { value: 10 * 60_000, label: 'last 10 minutes' },
  { value: 3600_000, label: 'last hour' },
  { value: 24 * 3600_000, label: 'last day' },
];
/** The axis spans at least this much, so the first seconds are not stretched across the whole width. */
const MIN_SPAN_MS = 30_000;
const OVERSCAN = 4;

let idSeq = 0;

function currentOf(lane: Lane) {
  return lane.segments[lane.segments.length - 1];
}

function laneText(lane: Lane, now: number): string {
  const seg = currentOf(lane);
  const parts = [lane.name];
  if (lane.role) parts.push(lane.role);
  if (seg) parts.push(lane.deletedAt !== null ? `last ${seg.status}, deleted at ${clockTime(lane.deletedAt)}` : `${seg.status} for ${span(now - seg.from)}`);
  if (lane.restarts.length) parts.push(plural(lane.restarts[lane.restarts.length - 1]!.count, 'restart'));
  parts.push(`created ${clockTime(lane.createdAt)}`);
  return parts.join(', ');
}

interface OptionProps {
  id: string;
  lane: Lane;
  maxChars: number;
  rev: number;
  index: number;
  selected: boolean;
  active: boolean;
  onPick(index: number): void;
}

const LaneOption = memo<OptionProps>(
  ({ id, lane, maxChars, index, selected, active, onPick }) => {
    const seg = currentOf(lane);
    return (
      <div
        id={id}
        role="option"
        aria-selected={selected}
        class={`pic-tl-opt${active ? ' pic-tl-opt--active' : ''}${lane.deletedAt !== null ? ' pic-tl-opt--gone' : ''}`}
        style={`top: ${index * ROW_H}px`}
        title={lane.name}
        onClick={() => onPick(index)}
      >
        {seg && <StateIcon state={seg.state} size={12} />}
        <span class="pic-tl-name" aria-hidden="true">{shortName(lane.name, maxChars)}</span>
        {lane.restarts.length > 0 && <span class="pic-restarts" aria-hidden="true">↻{lane.restarts[lane.restarts.length - 1]!.count}</span>}
        {/* Name, state and times for assistive technology; the time "so far" is fixed at the last change. */}
        <span class="visually-hidden">{laneText(lane, seg?.from ?? lane.createdAt)}</span>
      </div>
    );
  },
  (a, b) => a.rev === b.rev && a.index === b.index && a.maxChars === b.maxChars && a.selected === b.selected && a.active === b.active && a.id === b.id && a.onPick === b.onPick,
);

export function TimelineView(props: { snapshot: PictureSnapshot; selected: string | null; onSelect(key: string): void }) {
  const { snapshot, selected, onSelect } = props;
  const [windowMs, setWindowMs] = useState(0);
  const [group, setGroup] = useState('');
  const [hideFinished, setHideFinished] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [size, setSize] = useState({ width: 0, height: 0, labelW: 0 });
  const [active, setActive] = useState(-1);
  const [hover, setHover] = useState<{ index: number; x: number; y: number; text: string } | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const idBase = useMemo(() => `pic-tl-${++idSeq}`, []);
  const palette = usePalette(scrollRef);

  // Workloads to filter by: the top owner of each lane (Deployment, CronJob, TFJob …) or "bare pods".
  const groups = useMemo(() => {
    const seen = new Map<string, string>();
    for (const l of snapshot.lanes) {
      const r = l.root ?? l.owner;
      if (r) seen.set(r.key, `${r.kind} ${r.name}`);
    }
    return [...seen.entries()];
  }, [snapshot.lanes]);
  const lanes = useMemo(() => snapshot.lanes.filter((l) => {
    const r = l.root ?? l.owner;
    if (group === '(none)' ? r !== null : group && r?.key !== group) return false;
    if (hideFinished) {
      const s = currentOf(l)?.state;
      if (l.deletedAt !== null || s === 'Succeeded' || s === 'Failed') return false;
    }
    return true;
  }), [snapshot.lanes, group, hideFinished]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      const labelW = listRef.current?.offsetWidth ?? 0;
      setSize({ width: Math.max(0, el.clientWidth - labelW), height: el.clientHeight, labelW });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const t1 = snapshot.now;
  const start = Math.min(snapshot.startedAt, lanes[0]?.createdAt ?? snapshot.startedAt);
  const t0 = windowMs ? t1 - windowMs : start;
  const tEnd = windowMs ? t1 : Math.max(t1, t0 + MIN_SPAN_MS);
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(lanes.length, Math.ceil((scrollTop + size.height) / ROW_H) + OVERSCAN);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !palette || size.width <= 0 || size.height <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.width * dpr);
    const h = Math.round(size.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    drawTimeline(ctx, {
      width: size.width, height: size.height, dpr, t0, t1: tEnd, now: snapshot.now, scrollTop, first, last, lanes,
      selected, hover: hover?.index ?? -1, palette,
    });
  });

  // A stable callback, so the memoised options do not re-render when the parent does.
  const lanesRef = useRef(lanes);
  lanesRef.current = lanes;
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const pick = useCallback((index: number) => {
    setActive(index);
    const lane = lanesRef.current[index];
    if (lane) onSelectRef.current(lane.key);
  }, []);

  function reveal(index: number) {
    const el = scrollRef.current;
    if (!el) return;
    const top = index * ROW_H;
    const visible = el.clientHeight - AXIS_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + visible) el.scrollTop = top + ROW_H - visible;
  }

  function onKeyDown(e: KeyboardEvent) {
    if (lanes.length === 0) return;
    const page = Math.max(1, Math.floor((size.height - AXIS_H) / ROW_H) - 1);
    let next = active < 0 ? 0 : active;
    switch (e.key) {
      case 'ArrowDown': next = Math.min(lanes.length - 1, next + (active < 0 ? 0 : 1)); break;
      case 'ArrowUp': next = Math.max(0, next - 1); break;
      case 'Home': next = 0; break;
      case 'End': next = lanes.length - 1; break;
      case 'PageDown': next = Math.min(lanes.length - 1, next + page); break;
      case 'PageUp': next = Math.max(0, next - page); break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        if (active >= 0) pick(active);
        return;
      default: return;
    }
    e.preventDefault();
    setActive(next);
    reveal(next);
  }

  function onFocus() {
    if (active >= 0 && active < lanes.length) return;
    const i = Math.max(0, lanes.findIndex((l) => l.key === selected));
    setActive(i);
    reveal(i);
  }

  function rowAt(e: MouseEvent): number {
    const rect = canvasRef.current!.getBoundingClientRect();
    const y = e.clientY - rect.top;
    if (y < AXIS_H) return -1;
    const i = Math.floor((y - AXIS_H + scrollTop) / ROW_H);
    return i >= 0 && i < lanes.length ? i : -1;
  }

  function onCanvasMove(e: MouseEvent) {
    const i = rowAt(e);
    if (i < 0) return setHover(null);
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const t = t0 + (x / Math.max(1, size.width)) * (tEnd - t0);
    const lane = lanes[i]!;
    const mark = lane.restarts.find((m) => Math.abs(((m.at - t) / (tEnd - t0)) * size.width) < 5);
    const text = mark
      ? `${lane.name}: restart ${mark.count} of ${mark.container} at ${clockTime(mark.at)}${mark.exitCode !== null ? ` (previous exit ${mark.exitCode}${mark.reason ? `, ${mark.reason}` : ''})` : ''}`
      : `${describeAt(lane, t, snapshot.now)} · ${clockTime(t)}`;
    setHover({ index: i, x: x + size.labelW, y: e.clientY - scrollRef.current!.getBoundingClientRect().top, text });
  }

  const activeLane = active >= 0 ? lanes[active] : undefined;
  // Names are cut in the middle to fit the column (about 7.5 px per monospace character, icon and badge aside).
  const maxChars = Math.max(10, Math.floor((size.labelW - 56) / 7.5));
  const rows = [];
  for (let i = first; i < last; i++) {
    const lane = lanes[i]!;
    rows.push(<LaneOption key={lane.id} id={`${idBase}-${i}`} lane={lane} maxChars={maxChars} rev={lane.rev} index={i} selected={lane.key === selected} active={i === active} onPick={pick} />);
  }
  const contentH = AXIS_H + lanes.length * ROW_H;
  const spanText = `${clockTime(t0)} to ${clockTime(tEnd)} (simulated time, UTC)`;

  return (
    <div class="pic-tl">
      <div class="pic-toolbar">
        <label>
          Show{' '}
          <select value={String(windowMs)} onChange={(e) => setWindowMs(Number((e.currentTarget as HTMLSelectElement).value))}>
            {WINDOWS.map((w) => <option key={w.value} value={String(w.value)}>{w.label}</option>)}
          </select>
        </label>
        <label>
          Workload{' '}
          <select value={group} onChange={(e) => setGroup((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">all</option>
            {groups.map(([key, text]) => <option key={key} value={key}>{text}</option>)}
            <option value="(none)">pods without owner</option>
          </select>
        </label>
        <label class="pic-check">
          <input type="checkbox" checked={hideFinished} onChange={(e) => setHideFinished((e.currentTarget as HTMLInputElement).checked)} />
          Hide finished pods
        </label>
        <span class="pic-toolbar-note">
          {plural(lanes.length, 'pod')}
          {snapshot.lanesDropped > 0 && ` (${snapshot.lanesDropped} oldest finished not kept)`}
        </span>
      </div>
      <div class="pic-tl-scroll" ref={scrollRef} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
        <div class="pic-tl-content" style={`height: ${contentH}px`}>
          <div class="pic-tl-stage" style={`height: ${size.height}px; margin-bottom: -${size.height}px`}>
            <div class="pic-tl-corner" style={`width: ${size.labelW}px; height: ${AXIS_H}px`} aria-hidden="true">Pod</div>
            <canvas
              ref={canvasRef}
              class="pic-tl-canvas"
              style={`left: ${size.labelW}px; width: ${size.width}px; height: ${size.height}px`}
              role="img"
              aria-label={`Timeline of ${plural(lanes.length, 'pod')} from ${spanText}. The pod list and the event log give the same information as text.`}
              onMouseMove={onCanvasMove}
              onMouseLeave={() => setHover(null)}
              onClick={(e) => {
                const i = rowAt(e);
                if (i >= 0) pick(i);
              }}
            />
            {hover && (
              <div class="pic-tooltip" aria-hidden="true" style={`left: ${Math.min(hover.x + 12, size.labelW + size.width - 260)}px; top: ${hover.y + 14}px`}>
                {hover.text}
              </div>
            )}
          </div>
          <div ref={listRef} class="pic-tl-labels" style={`top: ${AXIS_H}px; height: ${lanes.length * ROW_H}px`}>
            {lanes.length > 0 && (
              <div
                class="pic-tl-lanes"
                role="listbox"
                tabIndex={0}
                aria-label="Pods in creation order (Enter selects)"
                aria-activedescendant={activeLane && active >= first && active < last ? `${idBase}-${active}` : undefined}
                onKeyDown={onKeyDown}
                onFocus={onFocus}
              >
                {rows}
              </div>
            )}
          </div>
        </div>
        {lanes.length === 0 && <p class="pic-empty pic-tl-empty">No pods yet. Apply a manifest and start the clock.</p>}
      </div>
    </div>
  );
}

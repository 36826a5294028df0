// The shape of each pod state (see state-style.ts), drawn in the state's colour. Decorative: the state is
// always written next to it or in the accessible name of the element that holds it.
import { render } from 'preact';
import { LANE_STATES, type LaneState } from '../../../engine/picture/types.ts';
import { STATE_STYLE } from './state-style.ts';
import { EVENT_SHAPES, STATE_SHAPES, type ShapePart } from './icon-shapes.ts';

/** One part of a shape as SVG (icon-shapes.ts): cut-outs take the background colour through picture.css. */
function Part(props: { part: ShapePart }) {
  const { part } = props;
  if (part.paint === 'cut') return <path class="pic-cut" d={part.d} />;
  if (part.paint === 'cut-stroke') return <path class="pic-cut-s" d={part.d} />;
  if (part.paint === 'fill') return <path d={part.d} fill="currentColor" />;
  return (
    <path d={part.d} fill="none" stroke="currentColor" stroke-width={part.width}
      stroke-dasharray={part.dash?.join(' ')} stroke-linecap={part.round ? 'round' : undefined} stroke-linejoin={part.round ? 'round' : undefined} />
  );
}

const parts = (shape: readonly ShapePart[]) => shape.map((part, i) => <Part key={i} part={part} />);

// The shapes live once per page as <symbol>s; every icon is an <svg><use> of one, so an icon that changes state
// changes one attribute instead of having its shapes replaced (hundreds change in the same frame at 60×).
const SPRITE_ID = 'pic-icon-sprite';
const symbolId = (name: string) => `pic-icon-${name}`;

let spriteInPage = false;

/** Puts the symbols into the page the first time an icon is drawn (several sandboxes share them). */
function ensureSprite(): void {
  if (spriteInPage || typeof document === 'undefined') return;
  spriteInPage = true;
  if (document.getElementById(SPRITE_ID)) return;
  const holder = document.createElement('div');
  render(
    <svg id={SPRITE_ID} aria-hidden="true" focusable="false" width="0" height="0" style="position: absolute; width: 0; height: 0; overflow: hidden">
      {LANE_STATES.map((s) => <symbol key={s} id={symbolId(s)} viewBox="0 0 16 16">{parts(STATE_SHAPES[s])}</symbol>)}
      <symbol id={symbolId('event-Normal')} viewBox="0 0 16 16">{parts(EVENT_SHAPES.Normal)}</symbol>
      <symbol id={symbolId('event-Warning')} viewBox="0 0 16 16">{parts(EVENT_SHAPES.Warning)}</symbol>
    </svg>,
    holder,
  );
  document.body.append(holder.firstChild!);
}

function Icon(props: { name: string; size: number; color: string }) {
  ensureSprite();
  return (
    <svg class="pic-icon" width={props.size} height={props.size} aria-hidden="true" focusable="false" style={`color: var(${props.color})`}>
      <use href={`#${symbolId(props.name)}`} />
    </svg>
  );
}

export function StateIcon(props: { state: LaneState; size?: number }) {
  return <Icon name={props.state} size={props.size ?? 14} color={STATE_STYLE[props.state].color} />;
}

/** An event's type (Normal, Warning) as the event log shows it. */
export function EventTypeIcon(props: { type: 'Normal' | 'Warning' }) {
  return <Icon name={`event-${props.type}`} size={13} color={props.type === 'Warning' ? '--warn' : '--info'} />;
}

/** A state's fill pattern as a small swatch (legend), matching the timeline's bars. */
export function Swatch(props: { state: LaneState }) {
  const st = STATE_STYLE[props.state];
  return <span class={`pic-swatch pic-fill--${st.fill}`} style={`--c: var(${st.color})`} aria-hidden="true" />;
}

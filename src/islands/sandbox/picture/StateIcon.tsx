// The shape of each pod state (see state-style.ts), drawn in the state's colour. Decorative: the state is
// always written next to it or in the accessible name of the element that holds it.
import type { LaneState } from '../../../engine/picture/types.ts';
import { STATE_STYLE } from './state-style.ts';

const ring = <circle cx="8" cy="8" r="5.6" fill="none" stroke="currentColor" stroke-width="1.7" />;

function shape(state: LaneState) {
  switch (state) {
    case 'Pending':
      return <circle cx="8" cy="8" r="5.6" fill="none" stroke="currentColor" stroke-width="1.7" stroke-dasharray="2.4 1.8" />;
    case 'ContainerCreating':
      return <>{ring}<path d="M8 8V2.4A5.6 5.6 0 0 1 13.6 8z" fill="currentColor" /></>;
    case 'Init':
      return <>{ring}<path d="M8 2.4a5.6 5.6 0 0 0 0 11.2z" fill="currentColor" /></>;
    case 'ImagePullBackOff':
      return <><path d="M8 1.3 15.2 14.2H.8z" fill="currentColor" /><path class="pic-cut" d="M7.2 5.6h1.6v4.6H7.2zM7.2 11.2h1.6v1.6H7.2z" /></>;
    case 'Running':
      return <path d="M4.2 2.2v11.6L13.8 8z" fill="currentColor" />;
    case 'NotReady':
      return <path d="M4.9 3.4v9.2L12.4 8z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />;
    case 'Exited':
      return <rect x="3.3" y="3.3" width="9.4" height="9.4" rx="1.2" fill="currentColor" />;
    case 'Error':
      return <><circle cx="8" cy="8" r="6.4" fill="currentColor" /><path class="pic-cut" d="M7.2 4h1.6v5.2H7.2zM7.2 10.4h1.6V12H7.2z" /></>;
    case 'CrashLoopBackOff':
      return <path d="M13.2 8.4A5.2 5.2 0 1 1 11.6 4.3M12.3 1.6v3.3H9" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />;
    case 'Terminating':
      return <path d="M4 1.6h8v2.6L9.3 8 12 11.8v2.6H4v-2.6L6.7 8 4 4.2z" fill="currentColor" />;
    case 'Unknown':
      return <>{ring}<path d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.7c-.5.3-.8.6-.8 1.3" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" /><circle cx="8" cy="11.2" r=".9" fill="currentColor" /></>;
    case 'Succeeded':
      return <><circle cx="8" cy="8" r="6.4" fill="currentColor" /><path class="pic-cut-s" d="M5 8.3l2.1 2.1 4-4.4" /></>;
    case 'Failed':
      return <><circle cx="8" cy="8" r="6.4" fill="currentColor" /><path class="pic-cut-s" d="M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8" /></>;
  }
}

export function StateIcon(props: { state: LaneState; size?: number }) {
  const size = props.size ?? 14;
  return (
    <svg class="pic-icon" viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false" style={`color: var(${STATE_STYLE[props.state].color})`}>
      {shape(props.state)}
    </svg>
  );
}

/** A state's fill pattern as a small swatch (legend), matching the timeline's bars. */
export function Swatch(props: { state: LaneState }) {
  const st = STATE_STYLE[props.state];
  return <span class={`pic-swatch pic-fill--${st.fill}`} style={`--c: var(${st.color})`} aria-hidden="true" />;
}

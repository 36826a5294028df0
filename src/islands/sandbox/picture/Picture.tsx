// The live picture of the simulated cluster, drawn from the PictureSnapshots the simulator's worker posts:
// four views behind ARIA tabs (arrow keys, Home/End) — Cluster, Timeline, Owners, Training — with a summary
// of pod states above and a key to the colours, shapes and patterns below. Selecting anything calls onSelect
// with its key (`Pod/<ns>/<name>`, `Node//<name>` …); the shell decides what selection shows elsewhere.
import { useMemo, useRef, useState } from 'preact/hooks';
import { LANE_STATES, type LaneState, type PictureSnapshot } from '../../../engine/picture/types.ts';
import { ClusterView } from './ClusterView.tsx';
import { plural } from './format.ts';
import { OwnersView } from './OwnersView.tsx';
import { STATE_LABEL, STATE_STYLE } from './state-style.ts';
import { StateIcon, Swatch } from './StateIcon.tsx';
import { TimelineView } from './TimelineView.tsx';
import { TrainingView } from './TrainingView.tsx';
import './picture.css';

export type PictureView = 'cluster' | 'timeline' | 'owners' | 'training';

const VIEWS: { id: PictureView; label: string }[] = [
  { id: 'cluster', label: 'Cluster' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'owners', label: 'Owners' },
  { id: 'training', label: 'Training' },
];

export interface PictureProps {
  snapshot: PictureSnapshot;
  selected: string | null;
  onSelect(key: string): void;
  /** The view shown first (default: cluster). */
  initialView?: PictureView;
}

let idSeq = 0;

function Summary(props: { snapshot: PictureSnapshot }) {
  const { snapshot } = props;
  const counts = LANE_STATES.filter((s) => snapshot.totals[s] > 0);
  const down = snapshot.nodes.filter((n) => n.ready !== 'True').length;
  const cordoned = snapshot.nodes.filter((n) => n.unschedulable).length;
  return (
    <p class="pic-summary">
      <span class="pic-summary-item"><strong>{plural(snapshot.pods.length, 'pod')}</strong></span>
      {counts.map((s) => (
        <span key={s} class="pic-summary-item"><StateIcon state={s} size={13} />{snapshot.totals[s]} {STATE_LABEL[s]}</span>
      ))}
      <span class="pic-summary-item pic-summary-nodes">
        {plural(snapshot.nodes.length, 'node')}
        {down > 0 && <>, <strong class="pic-text-bad">{down} NotReady</strong></>}
        {cordoned > 0 && <>, {cordoned} cordoned</>}
      </span>
    </p>
  );
}

function Legend(props: { states: LaneState[]; timeline: boolean }) {
  if (props.states.length === 0) return null;
  return (
    <div class="pic-legend">
      <span class="pic-legend-title">Key</span>
      <ul>
        {props.states.map((s) => (
          <li key={s} title={STATE_STYLE[s].meaning}>
            {props.timeline ? <Swatch state={s} /> : null}
            <StateIcon state={s} size={13} />
            <span>{STATE_LABEL[s]}<span class="pic-legend-meaning">: {STATE_STYLE[s].meaning}</span></span>
          </li>
        ))}
        {props.timeline && (
          <>
            <li><span class="pic-legend-mark" aria-hidden="true" />restart</li>
            <li><span class="pic-legend-now" aria-hidden="true" />now</li>
            <li><span class="pic-legend-deleted" aria-hidden="true">×</span>pod deleted</li>
          </>
        )}
      </ul>
    </div>
  );
}

export function Picture(props: PictureProps) {
  const { snapshot, selected, onSelect } = props;
  const [view, setView] = useState<PictureView>(props.initialView ?? 'cluster');
  const ids = useMemo(() => `pic-${++idSeq}`, []);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const pods = useMemo(() => new Map(snapshot.pods.map((p) => [p.key, p])), [snapshot.pods]);

  // States to explain: those of current pods; on the timeline, those of every recorded segment.
  const laneStates = useMemo(() => {
    const seen = new Set<LaneState>();
    for (const l of snapshot.lanes) for (const g of l.segments) seen.add(g.state);
    return seen;
  }, [snapshot.lanes]);
  const legendStates = LANE_STATES.filter((s) => (view === 'timeline' ? laneStates.has(s) : snapshot.totals[s] > 0));

  function onTabKey(e: KeyboardEvent) {
    const i = VIEWS.findIndex((v) => v.id === view);
    let next = i;
    if (e.key === 'ArrowRight') next = (i + 1) % VIEWS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + VIEWS.length) % VIEWS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = VIEWS.length - 1;
    else return;
    e.preventDefault();
    setView(VIEWS[next]!.id);
    tabRefs.current[next]?.focus();
  }

  const viewProps = { snapshot, selected, onSelect };
  return (
    <div class="pic">
      <Summary snapshot={snapshot} />
      <div class="pic-tabs" role="tablist" aria-label="Views of the cluster" onKeyDown={onTabKey}>
        {VIEWS.map((v, i) => (
          <button
            key={v.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls={`${ids}-panel`}
            tabIndex={view === v.id ? 0 : -1}
            class="pic-tab"
            onClick={() => setView(v.id)}
          >
            {v.label}
            {v.id === 'training' && snapshot.training.length > 0 && <span class="pic-tab-count">{snapshot.training.length}</span>}
          </button>
        ))}
      </div>
      <div class="pic-panel" role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${view}`} tabIndex={view === 'training' && snapshot.training.length === 0 ? 0 : undefined}>
        {view === 'cluster' && <ClusterView {...viewProps} />}
        {view === 'timeline' && <TimelineView {...viewProps} />}
        {view === 'owners' && <OwnersView {...viewProps} />}
        {view === 'training' && <TrainingView {...viewProps} pods={pods} />}
      </div>
      {view !== 'training' && <Legend states={legendStates} timeline={view === 'timeline'} />}
    </div>
  );
}

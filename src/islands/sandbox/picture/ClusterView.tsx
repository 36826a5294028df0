// Cluster view: every node as a box with its status, taints, requested resources, GPU slots and pods; pods
// not yet scheduled in a box of their own. Each pod is a button (select it) showing its state by colour,
// shape and word, with its restart count; with many pods, a node's pods are icons on one canvas (PodGrid.tsx).
import { useMemo, useState } from 'preact/hooks';
import type { NodeView, PictureSnapshot, PodView } from '../../../engine/picture/types.ts';
import { bytes, cpu, describePod, plural } from './format.ts';
import { PodGrid } from './PodGrid.tsx';
import { memo } from './memo.ts';
import { shortName } from './names.ts';
import { STATE_STYLE } from './state-style.ts';
import { StateIcon } from './StateIcon.tsx';

/** Above this many pods the boxes show pods as icons only, drawn on a canvas (PodGrid.tsx). */
const COMPACT_ABOVE = 80;

interface ChipProps {
  pod: PodView;
  rev: string;
  selected: boolean;
  onSelect(key: string): void;
}

export const RestartBadge = (props: { count: number }) =>
  props.count > 0 ? (
    <span class="pic-restarts" title={plural(props.count, 'restart')}>
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
        <path d="M13.2 8.4A5.2 5.2 0 1 1 11.6 4.3M12.3 1.6v3.3H9" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      {props.count}
    </span>
  ) : null;

const PodChip = memo<ChipProps>(
  ({ pod, selected, onSelect }) => (
    <li>
      <button
        type="button"
        class="pic-chip"
        style={`--c: var(${STATE_STYLE[pod.state].color})`}
        aria-pressed={selected}
        aria-label={describePod(pod)}
        title={describePod(pod)}
        onClick={() => onSelect(pod.key)}
      >
        <StateIcon state={pod.state} />
        <span class="pic-chip-name">{shortName(pod.name)}</span>
        <span class="pic-chip-status">{pod.status}</span>
        <RestartBadge count={pod.restarts} />
        {pod.gpus > 0 && <span class="pic-chip-gpu">GPU ×{pod.gpus}</span>}
      </button>
    </li>
  ),
  (a, b) => a.rev === b.rev && a.pod.key === b.pod.key && a.selected === b.selected && a.onSelect === b.onSelect,
);

/** A node's pods: a chip per pod, or, when there are many (icons only), one canvas grid (PodGrid.tsx). */
function Pods(props: { pods: PodView[]; label: string; selected: string | null; compact: boolean; onSelect(key: string): void }) {
  const { pods, label, selected, compact, onSelect } = props;
  if (compact) return <PodGrid pods={pods} label={label} selected={selected} onSelect={onSelect} />;
  return (
    <ul class="pic-chips" aria-label={label}>
      {pods.map((p) => <PodChip key={p.key} pod={p} rev={p.rev} selected={selected === p.key} onSelect={onSelect} />)}
    </ul>
  );
}

/** Lets a long taint wrap after `/` and before `=` or `:`, never inside a word. */
function breakable(text: string) {
  return text.split(/(?<=\/)|(?=[=:])/).flatMap((part, i) => (i ? [<wbr key={i} />, part] : [part]));
}

function Meter(props: { label: string; used: number; total: number; text: string }) {
  const pct = props.total > 0 ? Math.min(100, (props.used / props.total) * 100) : 0;
  return (
    <div class="pic-meter">
      <span class="pic-meter-label">{props.label}</span>
      <span class="pic-meter-bar" aria-hidden="true"><span style={`width: ${pct}%`} /></span>
      <span class="pic-meter-text">{props.text}</span>
    </div>
  );
}

function GpuSlots(props: { node: NodeView; pods: Map<string, PodView> }) {
  const { node } = props;
  if (node.gpuSlots.length === 0) return null;
  const used = node.gpuSlots.filter((s) => s !== null).length;
  return (
    <div class="pic-gpus">
      <span class="pic-meter-label">GPU</span>
      <ul class="pic-gpu-slots" aria-label={`nvidia.com/gpu: ${used} of ${node.gpuSlots.length} in use`}>
        {node.gpuSlots.map((key, i) => {
          const pod = key ? props.pods.get(key) : undefined;
          const text = pod ? `GPU ${i}: ${pod.name} (${pod.status})` : `GPU ${i}: free`;
          return (
            <li key={i} class={`pic-gpu${pod ? ' pic-gpu--used' : ''}`} style={pod ? `--c: var(${STATE_STYLE[pod.state].color})` : undefined} title={text}>
              {pod ? <StateIcon state={pod.state} size={12} /> : null}
              <span class="visually-hidden">{text}</span>
            </li>
          );
        })}
      </ul>
      <span class="pic-meter-text">{used}/{node.gpuSlots.length}</span>
    </div>
  );
}

function NodeStatus(props: { node: NodeView }) {
  const { node } = props;
  const ready = node.ready === 'True';
  return (
    <span class="pic-node-status">
      <span class={`pic-badge ${ready ? 'pic-badge--ok' : 'pic-badge--bad'}`}>
        <StateIcon state={ready ? 'Succeeded' : 'Failed'} size={12} />
        {ready ? 'Ready' : 'NotReady'}
      </span>
      {node.unschedulable && (
        <span class="pic-badge pic-badge--warn">
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
            <circle cx="8" cy="8" r="5.8" fill="none" stroke="currentColor" stroke-width="1.8" />
            <path d="M4 12 12 4" stroke="currentColor" stroke-width="1.8" />
          </svg>
          SchedulingDisabled
        </span>
      )}
    </span>
  );
}

interface BoxProps {
  node: NodeView;
  pods: Map<string, PodView>;
  selected: string | null;
  compact: boolean;
  onSelect(key: string): void;
}

function NodeBox({ node, pods, selected, compact, onSelect }: BoxProps) {
  const down = node.ready !== 'True';
  const podViews = node.pods.map((k) => pods.get(k)).filter((p): p is PodView => !!p);
  return (
    <li class={`pic-node${down ? ' pic-node--down' : ''}${node.unschedulable ? ' pic-node--cordoned' : ''}`}>
      <div class="pic-node-head">
        <button type="button" class="pic-node-name" aria-pressed={selected === node.key} onClick={() => onSelect(node.key)}>
          <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
            <rect x="1.5" y="2" width="13" height="5" rx="1.2" fill="none" stroke="currentColor" stroke-width="1.4" />
            <rect x="1.5" y="9" width="13" height="5" rx="1.2" fill="none" stroke="currentColor" stroke-width="1.4" />
            <circle cx="4.5" cy="4.5" r="1" fill="currentColor" />
            <circle cx="4.5" cy="11.5" r="1" fill="currentColor" />
          </svg>
          {node.name}
        </button>
        <NodeStatus node={node} />
      </div>
      {node.taints.length > 0 && (
        <ul class="pic-taints" aria-label="Taints">
          {node.taints.map((t) => <li key={t.text}><code>{breakable(t.text)}</code></li>)}
        </ul>
      )}
      <div class="pic-meters">
        <Meter label="CPU" used={node.requested.cpuMilli} total={node.allocatable.cpuMilli} text={`${cpu(node.requested.cpuMilli)} / ${cpu(node.allocatable.cpuMilli)}`} />
        <Meter label="Mem" used={node.requested.memoryBytes} total={node.allocatable.memoryBytes} text={`${bytes(node.requested.memoryBytes)} / ${bytes(node.allocatable.memoryBytes)}`} />
        <Meter label="Pods" used={node.requested.pods} total={node.allocatable.pods} text={`${node.requested.pods} / ${node.allocatable.pods}`} />
        <GpuSlots node={node} pods={pods} />
      </div>
      {podViews.length > 0 ? (
        <Pods pods={podViews} label={`Pods on ${node.name}`} selected={selected} compact={compact} onSelect={onSelect} />
      ) : (
        <p class="pic-empty-small">No pods</p>
      )}
    </li>
  );
}

export function ClusterView(props: { snapshot: PictureSnapshot; selected: string | null; onSelect(key: string): void }) {
  const { snapshot, selected, onSelect } = props;
  const pods = useMemo(() => new Map(snapshot.pods.map((p) => [p.key, p])), [snapshot.pods]);
  const [mode, setMode] = useState<'auto' | 'names' | 'icons'>('auto');
  const compact = mode === 'icons' || (mode === 'auto' && snapshot.pods.length > COMPACT_ABOVE);
  const unscheduled = snapshot.unscheduled.map((k) => pods.get(k)).filter((p): p is PodView => !!p);
  return (
    <div class="pic-cluster">
      <div class="pic-toolbar">
        <label>
          Pods shown as{' '}
          <select value={mode} onChange={(e) => setMode((e.currentTarget as HTMLSelectElement).value as typeof mode)}>
            <option value="auto">automatic</option>
            <option value="names">names</option>
            <option value="icons">icons only</option>
          </select>
        </label>
      </div>
      <ul class="pic-nodes" aria-label="Nodes">
        {unscheduled.length > 0 && (
          <li class="pic-node pic-node--unscheduled">
            <div class="pic-node-head">
              <span class="pic-node-name pic-node-name--static">Not scheduled</span>
              <span class="pic-node-status"><span class="pic-badge pic-badge--muted"><StateIcon state="Pending" size={12} />{plural(unscheduled.length, 'pod')}</span></span>
            </div>
            <p class="pic-note">Waiting for the scheduler, or no node fits: see the FailedScheduling events.</p>
            <Pods pods={unscheduled} label="Pods not scheduled" selected={selected} compact={compact} onSelect={onSelect} />
          </li>
        )}
        {snapshot.nodes.map((n) => <NodeBox key={n.key} node={n} pods={pods} selected={selected} compact={compact} onSelect={onSelect} />)}
      </ul>
    </div>
  );
}


// Owners view: the owner tree (who created whom, through ownerReferences) as an ARIA tree: arrow keys move and
// expand/collapse, Home/End jump, Enter or Space selects the object. Each row shows kubectl get's columns.
import { useMemo, useRef, useState } from 'preact/hooks';
import type { OwnerNode, PictureSnapshot, PodView } from '../../../engine/picture/types.ts';
import { memo } from './memo.ts';
import { StateIcon } from './StateIcon.tsx';

/** A parent with more children than this starts collapsed. */
const AUTO_COLLAPSE_ABOVE = 50;

interface Row {
  node: OwnerNode;
  level: number;
  setSize: number;
  posInSet: number;
  parent: string | null;
  expanded: boolean;
}

function flatten(roots: OwnerNode[], expandedOf: (n: OwnerNode) => boolean): Row[] {
  const rows: Row[] = [];
  const walk = (nodes: OwnerNode[], level: number, parent: string | null) => {
    nodes.forEach((node, i) => {
      const expanded = node.children.length > 0 && expandedOf(node);
      rows.push({ node, level, setSize: nodes.length, posInSet: i + 1, parent, expanded });
      if (expanded) walk(node.children, level + 1, node.key);
    });
  };
  walk(roots, 1, null);
  return rows;
}

/** What selecting a row selects: the object itself; for a replica-type group, its job (a real object). */
function selectKeyOf(row: Row): string {
  return row.node.kind === 'Role' && row.parent ? row.parent : row.node.key;
}

function kindLabel(kind: string): string {
  return kind === 'Role' ? 'replica type' : kind;
}

interface RowProps {
  row: Row;
  /** The pod's view, for Pod rows (their columns live there). */
  pod: PodView | undefined;
  sig: string;
  selected: boolean;
  focused: boolean;
  onRowClick(rowKey: string, selectKey: string): void;
  onToggle(key: string, expanded: boolean): void;
}

const TreeRow = memo<RowProps>(
  ({ row, pod, selected, focused, onRowClick, onToggle }) => {
    const { node } = row;
    const parent = node.children.length > 0;
    // kubectl get pods' READY, STATUS, RESTARTS for a pod; the node's own columns otherwise.
    const cells = pod
      ? [{ header: 'READY', value: pod.ready }, { header: 'STATUS', value: pod.status }, { header: 'RESTARTS', value: String(pod.restarts) }]
      : node.cells;
    return (
      <li
        role="treeitem"
        aria-level={row.level}
        aria-setsize={row.setSize}
        aria-posinset={row.posInSet}
        aria-expanded={parent ? row.expanded : undefined}
        aria-selected={selected}
        tabIndex={focused ? 0 : -1}
        data-key={node.key}
        class={`pic-tree-row${selected ? ' pic-tree-row--selected' : ''}`}
        style={`--level: ${row.level - 1}`}
        onClick={() => onRowClick(node.key, selectKeyOf(row))}
      >
        <span
          class={`pic-twisty${parent ? '' : ' pic-twisty--leaf'}`}
          aria-hidden="true"
          onClick={(e) => {
            if (!parent) return;
            e.stopPropagation();
            onToggle(node.key, !row.expanded);
          }}
        >
          {parent && (
            <svg viewBox="0 0 16 16" width="12" height="12" focusable="false" style={row.expanded ? 'transform: rotate(90deg)' : undefined}>
              <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
          )}
        </span>
        {pod && <StateIcon state={pod.state} size={13} />}
        <span class={`pic-kind pic-kind--${node.kind === 'Role' ? 'role' : 'obj'}`}>{kindLabel(node.kind)}</span>
        <span class="pic-tree-name">{node.name}</span>
        {cells.length > 0 && (
          <span class="pic-cells">
            {cells.map((c) => (
              <span key={c.header} class="pic-cell"><span class="pic-cell-h">{c.header}</span> {c.value || '—'}</span>
            ))}
          </span>
        )}
        {parent && !row.expanded && <span class="pic-tree-count">({node.children.length})</span>}
      </li>
    );
  },
  (a, b) => a.sig === b.sig && a.selected === b.selected && a.focused === b.focused && a.onRowClick === b.onRowClick && a.onToggle === b.onToggle,
);

function signature(r: Row, pod: PodView | undefined): string {
  const n = r.node;
  return [n.key, n.name, pod?.rev, r.level, r.setSize, r.posInSet, r.expanded, n.children.length, ...n.cells.map((c) => c.value)].join('\u0000');
}

export function OwnersView(props: { snapshot: PictureSnapshot; selected: string | null; onSelect(key: string): void }) {
  const { snapshot, selected, onSelect } = props;
  const [toggled, setToggled] = useState<Map<string, boolean>>(() => new Map());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const pods = useMemo(() => new Map(snapshot.pods.map((p) => [p.key, p])), [snapshot.pods]);
  const treeRef = useRef<HTMLUListElement>(null);
  const rows = useMemo(
    () => flatten(snapshot.owners, (n) => toggled.get(n.key) ?? n.children.length <= AUTO_COLLAPSE_ABOVE),
    [snapshot.owners, toggled],
  );
  const index = new Map(rows.map((r, i) => [r.node.key, i]));
  // The roving tab stop: the focused row, else the selected one, else the first.
  const tabStop = focusKey !== null && index.has(focusKey) ? focusKey : selected !== null && index.has(selected) ? selected : (rows[0]?.node.key ?? null);

  // Stable handlers for the memoised rows.
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const handlers = useMemo(() => ({
    click(rowKey: string, selectKey: string) {
      setFocusKey(rowKey);
      onSelectRef.current(selectKey);
    },
    toggle(key: string, expanded: boolean) {
      setToggled((m) => new Map(m).set(key, expanded));
    },
  }), []);

  function focusRow(key: string) {
    setFocusKey(key);
    const el = treeRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    el?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    const key = (e.target as HTMLElement).dataset?.key;
    if (!key) return;
    const i = index.get(key);
    if (i === undefined) return;
    const row = rows[i]!;
    const parent = row.node.children.length > 0;
    switch (e.key) {
      case 'ArrowDown': if (i + 1 < rows.length) focusRow(rows[i + 1]!.node.key); break;
      case 'ArrowUp': if (i > 0) focusRow(rows[i - 1]!.node.key); break;
      case 'Home': if (rows[0]) focusRow(rows[0].node.key); break;
      case 'End': if (rows.length) focusRow(rows[rows.length - 1]!.node.key); break;
      case 'ArrowRight':
        if (parent && !row.expanded) handlers.toggle(key, true);
        else if (parent && rows[i + 1]) focusRow(rows[i + 1]!.node.key);
        break;
      case 'ArrowLeft':
        if (parent && row.expanded) handlers.toggle(key, false);
        else if (row.parent) focusRow(row.parent);
        break;
      case 'Enter':
      case ' ':
        onSelect(selectKeyOf(row));
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  if (rows.length === 0) return <p class="pic-empty">No workloads yet. The tree shows Deployments, Jobs, CronJobs, TFJobs and PyTorchJobs with what they own.</p>;
  return (
    <ul class="pic-tree" role="tree" aria-label="Owner tree: each object under the controller that owns it" ref={treeRef} onKeyDown={onKeyDown}>
      {rows.map((r) => (
        <TreeRow key={r.node.key} row={r} pod={pods.get(r.node.key)} sig={signature(r, pods.get(r.node.key))} selected={r.node.key === selected} focused={r.node.key === tabStop} onRowClick={handlers.click} onToggle={handlers.toggle} />
      ))}
    </ul>
  );
}

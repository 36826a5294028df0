// Source positions: where each value of a document came from, and file offset → line/column.
import { compareGoStrings } from './go-format.ts';
import type { SourcePos } from './types.ts';

/** Where one value (and its mapping key, if any) sits in the file. Offsets are file offsets. */
export interface PosEntry {
  /** Offset of the mapping key, or -1 for array items and document roots. */
  key: number;
  /** Offset of the value's content (after any anchor or tag). */
  value: number;
  /** The scalar's source text range, or -1/-1 for collections. */
  litStart: number;
  litEnd: number;
  /** Exact decimal text of an integer beyond 2^53 (the JS number is rounded). */
  exact?: string;
  children: PosTree | null;
}

/** An object's members, keys in Go order (the order of the JSON object). */
export interface ObjectTree {
  keys: string[];
  entries: PosEntry[];
}

export type PosTree = ObjectTree | PosEntry[];

/** The member `key` of an object tree (binary search over Go-ordered keys). */
export function memberEntry(tree: ObjectTree, key: string): PosEntry | undefined {
  let lo = 0;
  let hi = tree.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareGoStrings(tree.keys[mid]!, key);
    if (c === 0) return tree.entries[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export function findEntry(root: PosEntry, path: readonly (string | number)[]): PosEntry | undefined {
  let entry: PosEntry = root;
  for (const seg of path) {
    const tree = entry.children;
    if (!tree) return undefined;
    let next: PosEntry | undefined;
    if (Array.isArray(tree)) next = typeof seg === 'number' ? tree[seg] : undefined;
    else next = memberEntry(tree, String(seg));
    if (!next) return undefined;
    entry = next;
  }
  return entry;
}

/** Maps file offsets to 1-based lines (split at LF) and columns (UTF-16 units). */
export class LineTable {
  private readonly text: string;
  private starts: number[] | null = null;

  constructor(text: string) {
    this.text = text;
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      let i = this.text.indexOf('\n');
      while (i >= 0) {
        starts.push(i + 1);
        i = this.text.indexOf('\n', i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  /** The position of `offset`, clamped into the file (past-the-end → its last character). */
  pos(offset: number): SourcePos {
    const last = Math.max(0, this.text.length - 1);
    const at = Math.min(Math.max(0, offset), last);
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  }
}

// go-yaml v2's decoder (decode.go `unmarshal` into interface{}) followed by sigs.k8s.io/yaml's
// JSON conversion, over the node tree of one chunk. Aliases are expanded (copied) and counted
// exactly as go-yaml counts them, merge keys are applied in document order, and errors come in
// go-yaml's order: decoder failures first, then unsupported keys, then NaN/Inf values.
// An explicit frame stack replaces recursion.
import { N_ALIAS, N_MAPPING, N_SCALAR, N_SEQUENCE, type YamlNode } from './compose.ts';
import { goSyntax } from './go-format.ts';
import { GoMap, jsonKeyOf, unsupportedKeyMessage } from './go-map.ts';
import type { PosEntry, PosTree } from './positions.ts';
import { decodeScalar, isMergeKey, type GoScalar } from './resolve.ts';
import { ChunkError } from './syntax-error.ts';

const F_MAP = 1;
const F_SEQ = 2;
const F_ALIAS = 3;
const F_MERGE_LIST = 4;

const AWAIT_KEY = 0;
const HAVE_KEY = 1;
const HAVE_VALUE = 2;
const MERGED = 3;

interface Frame {
  type: number;
  node: YamlNode;
  i: number;
  stage: number;
  map: GoMap | null;
  /** false when this mapping merges into an enclosing map. */
  own: boolean;
  items: unknown[] | null;
  entries: PosEntry[] | null;
  keyScalar: GoScalar | null;
}

// go-yaml's allowedAliasRatio bounds (decode.go).
const RATIO_LOW = 400000;
const RATIO_HIGH = 4000000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= RATIO_LOW) return 0.99;
  if (decodeCount >= RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - RATIO_LOW) / (RATIO_HIGH - RATIO_LOW));
}

export interface Decoded {
  value: unknown;
  entry: PosEntry;
}

class Abort {
  readonly problem: string;
  readonly at: number;
  constructor(problem: string, at: number) {
    this.problem = problem;
    this.at = at;
  }
}

export class ChunkDecoder {
  private readonly base: number;
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly active = new Set<YamlNode>();
  private readonly stack: Frame[] = [];
  // What the last finished node produced (registers instead of an object per node).
  private value: unknown = null;
  private scalarOut: GoScalar | null = null;
  private tree: PosTree | null = null;
  /** The node the value came from, through aliases (for literal()). */
  private source: YamlNode | null = null;
  /** sigs.k8s.io/yaml and encoding/json failures, reported only if go-yaml succeeds. */
  private keyError: Abort | null = null;
  private valueError: Abort | null = null;

  /** `base`: file offset of the chunk, added to every node offset. */
  constructor(base: number) {
    this.base = base;
  }

  decode(root: YamlNode): Decoded | ChunkError {
    try {
      this.count(root); // go-yaml counts the document node, then the root
      this.enterCounted(root, null);
      while (this.stack.length > 0) this.step();
    } catch (e) {
      if (e instanceof Abort) return new ChunkError('decode', e.problem, null, null, e.at);
      throw e;
    }
    this.checkValue(root);
    const err = this.keyError ?? this.valueError;
    if (err) return new ChunkError('convert', err.problem, null, null, err.at);
    return { value: this.value, entry: this.entryFor(-1, root) };
  }

  private count(n: YamlNode): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new Abort('document contains excessive aliasing', n.start);
    }
  }

  private push(type: number, node: YamlNode, map: GoMap | null, own: boolean): Frame {
    const f: Frame = { type, node, i: 0, stage: AWAIT_KEY, map, own, items: null, entries: null, keyScalar: null };
    this.stack.push(f);
    return f;
  }

  /** decoder.unmarshal: count the node, then decode it; `into` is the map a merge writes to. */
  private enterCounted(n: YamlNode, into: GoMap | null): void {
    this.count(n);
    switch (n.kind) {
      case N_ALIAS:
        if (this.active.has(n)) throw new Abort(`anchor '${n.value}' value contains itself`, n.start);
        this.active.add(n);
        this.aliasDepth++;
        this.push(F_ALIAS, n, null, false);
        this.enterCounted(n.target!, into);
        return;
      case N_SCALAR:
        this.scalar(n);
        return;
      case N_MAPPING:
        this.push(F_MAP, n, into ?? new GoMap(), into === null);
        return;
      case N_SEQUENCE: {
        const f = this.push(F_SEQ, n, null, false);
        f.items = [];
        f.entries = [];
        return;
      }
      default:
    }
  }

  private scalar(n: YamlNode): void {
    let s: GoScalar;
    try {
      s = decodeScalar(n.tag, n.implicit, n.value);
    } catch (problem) {
      throw new Abort(String(problem), n.start);
    }
    if (s.t === 'null') this.value = null;
    else if (s.t === 'float') this.value = Number.isFinite(s.v) ? (s.v === 0 ? 0 : s.v) : null; // kubectl re-reads -0 as 0
    else this.value = s.v;
    this.scalarOut = s;
    this.tree = null;
    this.source = n;
  }

  private produced(value: unknown, tree: PosTree, source: YamlNode): void {
    this.value = value;
    this.scalarOut = null;
    this.tree = tree;
    this.source = source;
  }

  /** encoding/json refuses NaN and ±Inf values (map keys are fine: they became strings). */
  private checkValue(node: YamlNode): void {
    const s = this.scalarOut;
    if (s && s.t === 'float' && !Number.isFinite(s.v) && !this.valueError) {
      const shown = Number.isNaN(s.v) ? 'NaN' : s.v > 0 ? '+Inf' : '-Inf';
      this.valueError = new Abort(`json: unsupported value: ${shown}`, node.start);
    }
  }

  private step(): void {
    const f = this.stack[this.stack.length - 1]!;
    switch (f.type) {
      case F_ALIAS:
        this.stack.pop();
        this.aliasDepth--;
        this.active.delete(f.node);
        return;
      case F_SEQ: {
        const children = f.node.children;
        if (f.stage === HAVE_VALUE) {
          const item = children[f.i]!;
          this.checkValue(item);
          f.items!.push(this.value);
          f.entries!.push(this.entryFor(-1, item));
          f.i++;
        }
        if (f.i >= children.length) {
          this.stack.pop();
          this.produced(f.items, f.entries!, f.node);
          return;
        }
        f.stage = HAVE_VALUE;
        this.enterCounted(children[f.i]!, null);
        return;
      }
      case F_MAP:
        this.mapStep(f);
        return;
      case F_MERGE_LIST: {
        if (f.i < 0) {
          this.stack.pop();
          return;
        }
        const item = f.node.children[f.i]!;
        const target = item.kind === N_ALIAS ? item.target! : item;
        if (target.kind !== N_MAPPING) throw new Abort('map merge requires map or sequence of maps as the value', item.start);
        f.i--;
        this.enterCounted(item, f.map);
        return;
      }
      default:
    }
  }

  private mapStep(f: Frame): void {
    const children = f.node.children;
    if (f.stage === HAVE_KEY) {
      if (this.scalarOut === null) {
        throw new Abort(`invalid map key: ${goSyntax(this.value)}`, children[f.i]!.start);
      }
      f.keyScalar = this.scalarOut;
      f.stage = HAVE_VALUE;
      this.enterCounted(children[f.i + 1]!, null);
      return;
    }
    if (f.stage === HAVE_VALUE) {
      const keyNode = children[f.i]!;
      const valueNode = children[f.i + 1]!;
      const key = f.keyScalar!;
      this.checkValue(valueNode);
      if (!this.keyError && key.t !== 'str' && jsonKeyOf(key) === null) {
        this.keyError = new Abort(unsupportedKeyMessage(key, this.value), keyNode.start);
      }
      f.map!.set(key, this.value, this.entryFor(keyNode.start, valueNode));
      f.keyScalar = null;
      f.i += 2;
    } else if (f.stage === MERGED) {
      f.i += 2;
    }
    f.stage = AWAIT_KEY;
    if (f.i >= children.length) {
      this.stack.pop();
      if (f.own) {
        const { value, tree } = f.map!.finish();
        this.produced(value, tree, f.node);
      }
      return;
    }
    const k = children[f.i]!;
    if (k.kind === N_SCALAR && isMergeKey(k.tag, k.implicit, k.value)) {
      f.stage = MERGED;
      this.merge(children[f.i + 1]!, f.map!);
      return;
    }
    f.stage = HAVE_KEY;
    this.enterCounted(k, null);
  }

  /** decoder.merge: the merged entries go straight into the current map, in order. */
  private merge(v: YamlNode, into: GoMap): void {
    const fail = () => new Abort('map merge requires map or sequence of maps as the value', v.start);
    switch (v.kind) {
      case N_MAPPING:
        this.enterCounted(v, into);
        return;
      case N_ALIAS:
        if (v.target!.kind !== N_MAPPING) throw fail();
        this.enterCounted(v, into);
        return;
      case N_SEQUENCE: {
        // Earlier items take precedence, so they are applied last.
        const f = this.push(F_MERGE_LIST, v, into, false);
        f.i = v.children.length - 1;
        return;
      }
      default:
        throw fail();
    }
  }

  /** The position entry for the value just produced, found at `valueNode`. */
  private entryFor(keyOffset: number, valueNode: YamlNode): PosEntry {
    const src = this.source!;
    const s = this.scalarOut;
    const hasText = s !== null && src.end > src.start;
    const entry: PosEntry = {
      key: keyOffset < 0 ? -1 : this.base + keyOffset,
      value: this.base + valueNode.start,
      litStart: hasText ? this.base + src.start : -1,
      litEnd: hasText ? this.base + src.end : -1,
      children: this.tree,
    };
    // Integers beyond 2^53 within int64 travel exactly; uint64 ones become float64 in kubectl.
    if (s && s.t === 'int' && s.exact !== undefined) entry.exact = s.exact;
    return entry;
  }
}

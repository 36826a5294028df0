// A go-yaml map[interface{}]interface{} on its way to JSON (sigs.k8s.io/yaml
// convertToJSONableObject, then encoding/json): keys become strings by Go type, a later entry
// replaces an earlier equal key, and the JSON object has Go's sorted key order.
import { compareGoStrings, formatFloat32G, goSyntax } from './go-format.ts';
import type { ObjectTree, PosEntry } from './positions.ts';
import type { GoScalar } from './resolve.ts';

/** The JSON object key sigs.k8s.io/yaml makes of a Go key, or null when it refuses the type. */
export function jsonKeyOf(s: GoScalar): string | null {
  switch (s.t) {
    case 'str': return s.v;
    case 'bool': return s.v ? 'true' : 'false';
    case 'int': return s.exact ?? String(s.v);
    case 'float': {
      const text = formatFloat32G(s.v);
      return text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text === 'NaN' ? '.nan' : text;
    }
    default: return null; // nil and uint64 keys
  }
}

/** sigs.k8s.io/yaml's text for a key it cannot turn into a string. */
export function unsupportedKeyMessage(key: GoScalar, value: unknown): string {
  const shown = goSyntax(value);
  if (key.t === 'uint') {
    const hex = BigInt(key.exact ?? key.v).toString(16);
    return `unsupported map key of type: uint64, key: 0x${hex}, value: ${shown}`;
  }
  return `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${shown}`;
}

interface Slot {
  json: string;
  value: unknown;
  entry: PosEntry;
}

const ASTRAL = /[\ud800-\udfff]/;

function byJsonKey(a: Slot, b: Slot): number {
  return a.json < b.json ? -1 : a.json > b.json ? 1 : 0;
}

function byGoKey(a: Slot, b: Slot): number {
  return compareGoStrings(a.json, b.json);
}

export class GoMap {
  /** Entries in the order they were set (duplicates included). */
  private readonly slots: Slot[] = [];

  /** Keys JSON cannot carry (nil, uint64) are dropped here; the decoder reports them. */
  set(key: GoScalar, value: unknown, entry: PosEntry): void {
    const json = jsonKeyOf(key);
    if (json !== null) this.slots.push({ json, value, entry });
  }

  /** The JSON object (Go's key order) and the positions of its members. */
  finish(): { value: Record<string, unknown>; tree: ObjectTree } {
    const slots = this.slots;
    // Equal Go keys: the later entry replaces the earlier. Distinct Go keys that print the same
    // (`true` and "true") collapse too; which survives is unspecified in Go (map iteration
    // order): the later one here. A stable sort keeps set order within equal keys.
    let sorted = true;
    let astral = false;
    for (let i = 0; i < slots.length; i++) {
      const k = slots[i]!.json;
      if (ASTRAL.test(k)) astral = true;
      if (i > 0 && slots[i - 1]!.json >= k) sorted = false;
    }
    if (astral) slots.sort(byGoKey);
    else if (!sorted) slots.sort(byJsonKey);
    const value: Record<string, unknown> = {};
    const keys: string[] = [];
    const entries: PosEntry[] = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const name = slot.json;
      if (i + 1 < slots.length && slots[i + 1]!.json === name) continue;
      if (name === '__proto__') {
        Object.defineProperty(value, name, { value: slot.value, enumerable: true, writable: true, configurable: true });
      } else {
        value[name] = slot.value;
      }
      keys.push(name);
      entries.push(slot.entry);
    }
    return { value, tree: { keys, entries } };
  }
}

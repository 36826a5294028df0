// A go-yaml map[interface{}]interface{} on its way to JSON (sigs.k8s.io/yaml
// convertToJSONableObject, then encoding/json): Go key equality decides duplicates (last wins),
// keys become strings by Go type, and the JSON object has Go's sorted key order.
import { compareGoStrings, formatFloat32G, goSyntax } from './go-format.ts';
import type { PosEntry } from './positions.ts';
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

/** Identity under Go's == on interface values (type and value); null for NaN (never equal). */
function identityOf(s: GoScalar): string | null {
  switch (s.t) {
    case 'bool': return s.v ? 'b1' : 'b0';
    case 'int': return `i${s.exact ?? s.v}`;
    case 'uint': return `u${s.exact ?? s.v}`;
    case 'float': return Number.isNaN(s.v) ? null : `f${s.v === 0 ? 0 : s.v}`;
    case 'null': return 'n';
    default: return `s${s.v}`;
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

const ASTRAL = /[\ud800-\udfff]/;

function byJsonKey(a: Slot, b: Slot): number {
  return a.json! < b.json! ? -1 : a.json! > b.json! ? 1 : 0;
}

function byGoKey(a: Slot, b: Slot): number {
  return compareGoStrings(a.json!, b.json!);
}

/** Go's key order (bytewise); JS string order agrees unless astral characters are involved. */
function sortSlots(slots: Slot[]): void {
  let sorted = true;
  let astral = false;
  for (let i = 0; i < slots.length; i++) {
    const k = slots[i]!.json!;
    if (ASTRAL.test(k)) astral = true;
    if (i > 0 && slots[i - 1]!.json! > k) sorted = false;
  }
  if (astral) slots.sort(byGoKey);
  else if (!sorted) slots.sort(byJsonKey);
}

interface Slot {
  json: string | null;
  value: unknown;
  entry: PosEntry;
  seq: number;
}

export class GoMap {
  /** String keys (the usual case) by text; other Go types by identity. */
  private readonly strings = new Map<string, Slot>();
  private others: Map<string, Slot> | null = null;
  private nans: Slot[] | null = null;
  private seq = 0;

  set(key: GoScalar, value: unknown, entry: PosEntry): void {
    const slot: Slot = { json: jsonKeyOf(key), value, entry, seq: this.seq++ };
    if (key.t === 'str') {
      this.strings.set(key.v, slot);
      return;
    }
    const id = identityOf(key);
    if (id === null) (this.nans ??= []).push(slot);
    else (this.others ??= new Map()).set(id, slot);
  }

  /** The JSON object (Go's key order) and the positions of its members. */
  finish(): { value: Record<string, unknown>; tree: Map<string, PosEntry> } {
    let slots: Slot[];
    if (!this.others && !this.nans) {
      slots = Array.from(this.strings.values());
    } else {
      // Distinct Go keys can print the same (`true` and "true"); which one survives is
      // unspecified in Go (map iteration order). The one written last wins here.
      const byJson = new Map<string, Slot>();
      const all = [...this.strings.values(), ...(this.others?.values() ?? []), ...(this.nans ?? [])];
      for (const slot of all) {
        if (slot.json === null) continue;
        const prev = byJson.get(slot.json);
        if (!prev || prev.seq < slot.seq) byJson.set(slot.json, slot);
      }
      slots = Array.from(byJson.values());
    }
    sortSlots(slots);
    const value: Record<string, unknown> = {};
    const tree = new Map<string, PosEntry>();
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const name = slot.json!;
      if (name === '__proto__') {
        Object.defineProperty(value, name, { value: slot.value, enumerable: true, writable: true, configurable: true });
      } else {
        value[name] = slot.value;
      }
      tree.set(name, slot.entry);
    }
    return { value, tree };
  }
}

// What the cluster looks like at a period boundary, written so that two boundaries of a periodic run read the
// same: times and resourceVersions of the recent part (see translation.ts) relative to now, and the
// identities the run draws afresh each period replaced by their role. A recent object's name and uid become
// "the 2nd Pod created 3 m 10 s ago"; node names and addresses become one token, because the scheduler picks
// among equal nodes at random (which node a finished pod ran on does not change what happens next, and the
// jump keeps the random sequence where it would have been); pod IPs likewise. Pending tasks are written by
// label and time to run. Two equal fingerprints one period apart, with equal numbers of writes, random draws
// and tasks in the periods before, are what lets the fast-forward skip periods.
import type { KubeObject } from '../../api/objects.ts';
import { createdMs, resourceVersionOf, timestampMs } from './translation.ts';

/**
 * Who is who among what the recent part created, recorded while the fast-forward looks for a repeat (events and
 * messages keep naming objects that are gone, so roles are recorded as things are made, not read at the
 * boundary): random draws (name suffixes, uids, container ids) by how many draws ago they were made; objects'
 * names (a Job's name comes from its schedule time, an Event's from its creation time) by kind, age and rank
 * among that kind's objects created in the same millisecond; pod IPs as one token.
 */
export class RecentIdentities {
  readonly #sinceMs: number;
  readonly #drawn = new Map<string, number>();
  readonly #names = new Map<string, { kind: string; createdMs: number; rank: number }>();
  readonly #ranks = new Map<string, number>();
  readonly #podIPs = new Set<string>();

  constructor(sinceMs: number) {
    this.#sinceMs = sinceMs;
  }

  observeDrawn(value: string, draws: number): void {
    if (!this.#drawn.has(value)) this.#drawn.set(value, draws);
  }

  observe(o: KubeObject): void {
    const meta = o.metadata;
    const created = createdMs(o);
    if (created === null || created < this.#sinceMs) return;
    if (o.kind === 'Pod') {
      const status = (o as { status?: { podIP?: string; podIPs?: { ip?: string }[] } }).status;
      if (status?.podIP) this.#podIPs.add(status.podIP);
      for (const p of status?.podIPs ?? []) if (p.ip) this.#podIPs.add(p.ip);
    }
    if (this.#names.has(meta.name)) return;
    const group = `${o.kind}@${created}`;
    const rank = (this.#ranks.get(group) ?? 0) + 1;
    this.#ranks.set(group, rank);
    this.#names.set(meta.name, { kind: o.kind, createdMs: created, rank });
  }

  /** The role of an identity, relative to now; undefined when `s` is not one. */
  token(s: string, nowMs: number, drawsNow: number): string | undefined {
    const name = this.#names.get(s);
    if (name) return `name(${name.kind}-${nowMs - name.createdMs}#${name.rank})`;
    const drawn = this.#drawn.get(s);
    if (drawn !== undefined) return `drawn(${drawsNow - drawn})`;
    if (this.#podIPs.has(s)) return 'POD-IP';
    return undefined;
  }
}

export interface FingerprintInput {
  objects: Iterable<KubeObject>;
  /** Pending tasks; anchored ones (appointments at fixed times) are not part of the state. */
  tasks: Iterable<{ label: string; at: number; background: boolean; anchored?: boolean }>;
  identities: RecentIdentities;
  nowMs: number;
  /** The recent part: times at or after this instant… */
  sinceMs: number;
  /** …and resourceVersions above this one. */
  rvSince: number;
  /** The resourceVersion counter now. */
  rv: number;
  /** The random draws so far. */
  draws: number;
}

/** Characters that separate the names inside a message or a task label. */
const SEPARATORS = /([\s,:;"'()=[\]{}/])/;

export function fingerprint(input: FingerprintInput): string {
  const objects = [...input.objects];
  const nodes = nodeTokens(objects);
  const exact = (s: string): string | undefined => nodes.get(s) ?? input.identities.token(s, input.nowMs, input.draws);
  // a generated name is a prefix and a drawn suffix (`kube-api-access-x7k2p`, generateName `tick-29453937-`)
  const token = (s: string): string | undefined => {
    const t = exact(s);
    if (t !== undefined) return t;
    const dash = s.lastIndexOf('-');
    if (dash <= 0) return undefined;
    const head = s.slice(0, dash);
    const tail = s.slice(dash + 1);
    const h = exact(head);
    const d = tail ? exact(tail) : undefined;
    return h === undefined && d === undefined ? undefined : `${h ?? head}-${d ?? tail}`;
  };
  const text = (key: string, v: string): string => {
    const t = exact(v);
    if (t !== undefined) return t;
    const rv = resourceVersionOf(key, v);
    if (rv !== null) return rv > input.rvSince ? `rv-${input.rv - rv}` : v;
    const ms = timestampMs(v);
    if (ms !== null) return ms >= input.sinceMs ? `t-${input.nowMs - ms}` : v;
    if (!SEPARATORS.test(v)) return token(v) ?? v;
    return v.split(SEPARATORS).map((piece) => token(piece) ?? piece).join('');
  };
  const parts: string[] = [];
  for (const o of objects) parts.push(JSON.stringify(o, (key, v) => (typeof v === 'string' ? text(key, v) : v)));
  const tasks = [...input.tasks].filter((t) => !t.anchored).sort((a, b) => a.at - b.at || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  for (const t of tasks) parts.push(`task ${text('', t.label)} +${t.at - input.nowMs}${t.background ? ' background' : ''}`);
  return parts.join('\n');
}

/** Node names and addresses, one token for all (see the file comment). */
function nodeTokens(objects: readonly KubeObject[]): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const o of objects) {
    if (o.kind !== 'Node') continue;
    tokens.set(o.metadata.name, 'NODE');
    const addresses = (o as { status?: { addresses?: { address?: string }[] } }).status?.addresses ?? [];
    for (const a of addresses) if (a.address) tokens.set(a.address, 'NODE');
  }
  return tokens;
}

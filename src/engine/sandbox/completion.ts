// Tab completion for the sandbox terminal: commands, kubectl verbs, resource types (plural, singular and
// short names, as discovery lists them), object names from the simulated cluster, editor file names after -f,
// and the lab fault commands. Pure: the cluster is read through a CompletionSource.
import { KINDS, kindForResource } from '../schema/index.ts';
import { VERBS } from '../kubectl/index.ts';

export interface CompletionSource {
  /** Names of the editor's files (`-f` values). */
  files(): string[];
  /** Names of the objects of `kind` in `namespace` (ignored for cluster-scoped kinds). */
  names(kind: string, namespace: string): string[];
  namespaces(): string[];
}

export interface Completion {
  /** The word being completed is line[from, to); `to` is the cursor. */
  from: number;
  to: number;
  /** Full replacement words, sorted; empty when nothing fits. */
  candidates: string[];
}

export const PROGRAMS = ['kubectl', 'lab', 'clear', 'help'];
/** The kubectl verbs the simulator answers (the kubectl engine's own list). */
export const KUBECTL_VERBS = Object.keys(VERBS).sort();
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);
const TYPE_VERBS = new Set(['annotate', 'delete', 'describe', 'explain', 'get', 'label', 'scale']);
const ROLLOUT_SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
const ROLLOUT_TYPES = ['deployment'];
const SET_SUBCOMMANDS = ['image'];
const CREATE_SUBCOMMANDS = ['job'];
const LAB_COMMANDS = ['crash', 'fail-node', 'restore-node'];
const OUTPUT_FORMATS = ['json', 'name', 'wide', 'yaml'];
const VALUE_FLAGS = new Set(['-n', '--namespace', '-f', '--filename', '-o', '--output', '-l', '--selector', '-c', '--container', '--exit-code', '--replicas', '--grace-period', '--from', '--to-revision', '--tail', '--since']);
const FLAGS: Record<string, string[]> = {
  get: ['--all-namespaces', '--namespace', '--output', '--selector', '--show-labels', '--watch', '-A', '-l', '-n', '-o', '-w'],
  describe: ['--namespace', '--selector', '-l', '-n'],
  delete: ['--all', '--force', '--grace-period', '--namespace', '--now', '--selector', '-l', '-n'],
  apply: ['--filename', '-f'],
  logs: ['--container', '--follow', '--previous', '--tail', '-c', '-f', '-p'],
  scale: ['--replicas'],
  rollout: ['--namespace', '-n'],
  crash: ['--exit-code', '--selector', '-l', '-n'],
};

/** Every word a resource type can be written as, sorted. */
export function resourceWords(): string[] {
  const words = new Set<string>();
  for (const k of KINDS) {
    words.add(k.resource);
    words.add(k.singular);
    for (const s of k.shortNames) words.add(s);
  }
  return [...words].sort();
}

function filter(words: Iterable<string>, prefix: string): string[] {
  return [...new Set(words)].filter((w) => w.startsWith(prefix)).sort();
}

/** Positional words after `start` (flags and their values skipped) and the namespace flag's value. */
function positionals(words: string[], start: number): { positional: string[]; namespace: string } {
  const positional: string[] = [];
  let namespace = 'default';
  for (let i = start; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-n' || w === '--namespace') {
      namespace = words[++i] ?? namespace;
    } else if (w.startsWith('--namespace=')) namespace = w.slice('--namespace='.length);
    else if (w.startsWith('-')) {
      if (VALUE_FLAGS.has(w)) i++;
    } else positional.push(w);
  }
  return { positional, namespace };
}

function namesOf(src: CompletionSource, resource: string, namespace: string): string[] {
  const entry = kindForResource(resource);
  return entry ? src.names(entry.kind, namespace) : [];
}

/** `pod/` + a name prefix → `pod/<name>` candidates. */
function slashNames(src: CompletionSource, word: string, namespace: string, allowedTypes?: string[]): string[] {
  const slash = word.indexOf('/');
  const type = word.slice(0, slash);
  if (allowedTypes && !allowedTypes.includes(type) && !allowedTypes.includes(kindForResource(type)?.resource ?? '')) return [];
  return filter(namesOf(src, type, namespace).map((n) => `${type}/${n}`), word);
}

export function complete(line: string, cursor: number, src: CompletionSource): Completion {
  const before = line.slice(0, cursor);
  const from = before.search(/\S*$/);
  const current = before.slice(from);
  const words = before.slice(0, from).trim().split(/\s+/).filter(Boolean);
  const done = (candidates: string[]): Completion => ({ from, to: cursor, candidates });
  if (words.length === 0) return done(filter(PROGRAMS, current));
  const previous = words[words.length - 1]!;
  // The positional words before the one being completed (flags and their values skipped).
  const { positional: args, namespace } = positionals(words, 1);
  if (previous === '-n' || previous === '--namespace') return done(filter(src.namespaces(), current));
  if (previous === '-f' || previous === '--filename') return done(filter(src.files(), current));
  if (previous === '-o' || previous === '--output') return done(filter(OUTPUT_FORMATS, current));
  if (VALUE_FLAGS.has(previous)) return done([]);

  if (words[0] === 'lab') {
    const [sub] = args;
    if (current.startsWith('-')) return done(sub === 'crash' ? filter(FLAGS.crash!, current) : []);
    if (sub === undefined) return done(filter(LAB_COMMANDS, current));
    if (args.length > 1) return done([]);
    if (sub === 'crash') return done(filter(src.names('Pod', namespace), current));
    if (sub === 'fail-node' || sub === 'restore-node') return done(filter(src.names('Node', ''), current));
    return done([]);
  }
  if (words[0] !== 'kubectl') return done([]);

  const [verb, ...rest] = args;
  if (verb === undefined) return done(current.startsWith('-') ? filter(['--namespace', '-n'], current) : filter(KUBECTL_VERBS, current));
  if (current.startsWith('-')) return done(filter(FLAGS[verb] ?? [], current));
  if (TYPE_VERBS.has(verb)) {
    if (current.includes('/')) return done(slashNames(src, current, namespace));
    if (rest.length === 0) return done(filter(verb === 'get' ? [...resourceWords(), 'all'] : resourceWords(), current));
    if (rest[0]!.includes('/')) return done([]);
    return done(filter(namesOf(src, rest[0]!, namespace), current));
  }
  if (NODE_VERBS.has(verb)) return done(rest.length === 0 ? filter(src.names('Node', ''), current) : []);
  switch (verb) {
    case 'logs':
      if (rest.length > 0) return done([]);
      if (current.includes('/')) return done(slashNames(src, current, namespace, ['pod', 'pods', 'po', 'job', 'jobs']));
      return done(filter(src.names('Pod', namespace), current));
    case 'rollout':
      if (rest.length === 0) return done(filter(ROLLOUT_SUBCOMMANDS, current));
      if (current.includes('/')) return done(slashNames(src, current, namespace, ROLLOUT_TYPES));
      if (rest.length === 1) return done(filter([...ROLLOUT_TYPES, 'deployments', 'deploy'], current));
      return done(filter(namesOf(src, rest[1]!, namespace), current));
    case 'set':
      if (rest.length === 0) return done(filter(SET_SUBCOMMANDS, current));
      if (current.includes('/')) return done(slashNames(src, current, namespace));
      if (rest.length === 1) return done(filter(resourceWords(), current));
      return done(rest.length === 2 && !rest[1]!.includes('/') ? filter(namesOf(src, rest[1]!, namespace), current) : []);
    case 'create':
      return done(rest.length === 0 ? filter(CREATE_SUBCOMMANDS, current) : []);
    case 'apply':
      return done([]);
    default:
      return done([]);
  }
}

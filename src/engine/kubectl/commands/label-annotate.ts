// `kubectl label` and `kubectl annotate` (kubectl pkg/cmd/label/label.go, annotate/annotate.go): KEY=VALUE
// sets, KEY- removes; without --overwrite an existing key is refused. Texts recorded with kubectl 1.35.2:
// `pod/x labeled` (demo 67), `error: 'a' already has a value (b), and --overwrite is false` (demo 68),
// `deployment.apps/web annotated` (demo 69). The server validates the resulting metadata (§7.1–7.2).
import type { KubeObject } from '../../api/objects.ts';
import type { FieldError } from '../../validate/field.ts';
import { validateAnnotations, validateLabels } from '../../validate/rules/meta.ts';
import { isLabelValue } from '../../validate/rules/formats.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { CommandResult } from '../get.ts';
import { apiErrorText, boolFlag, fail, isResult, notFoundText, objectRef, ok, parseFlags, resolveTarget } from './common.ts';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface Specs {
  set: Map<string, string>;
  remove: string[];
}

function parseLabelSpecs(words: readonly string[]): Specs | string {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const w of words) {
    if (w.includes('=')) {
      const parts = w.split('=');
      if (parts.length !== 2) return `error: invalid label spec: ${w}`;
      const errs = isLabelValue(parts[1]!);
      if (errs.length) return `error: invalid label value: "${w}": ${errs.join(';')}`;
      set.set(parts[0]!, parts[1]!);
    } else if (w.endsWith('-')) remove.push(w.slice(0, -1));
    else return `error: unknown label spec: ${w}`;
  }
  if (remove.some((k) => set.has(k))) return 'error: can not both modify and remove a label in the same command';
  return { set, remove };
}

function parseAnnotationSpecs(words: readonly string[]): Specs | string {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq >= 0) {
      if (eq === 0) return `error: invalid annotation spec: ${w}`;
      set.set(w.slice(0, eq), w.slice(eq + 1));
    } else if (w.endsWith('-')) remove.push(w.slice(0, -1));
    else return `error: unknown annotation spec: ${w}`;
  }
  if (remove.some((k) => set.has(k))) return 'error: can not both modify and remove an annotation in the same command';
  return { set, remove };
}

interface Mode {
  command: 'label' | 'annotate';
  parse(words: readonly string[]): Specs | string;
  field: 'labels' | 'annotations';
  /** The refusal without --overwrite, or null. */
  overwriteError(current: Record<string, string>, set: Map<string, string>): string | null;
  validate(map: Record<string, string>): FieldError[];
  message(before: KubeObject, after: KubeObject, overwrite: boolean): string;
}

const LABEL: Mode = {
  command: 'label',
  parse: parseLabelSpecs,
  field: 'labels',
  overwriteError(current, set) {
    const errs = [...set.keys()].filter((k) => k in current).map((k) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
    if (errs.length === 0) return null;
    // utilerrors.NewAggregate: one error prints as itself, several as `[a, b]`.
    return `error: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`;
  },
  validate: (m) => validateLabels(m, ['metadata', 'labels']),
  // updateDataChangeMsg: compares the object's JSON before and after.
  message(before, after, overwrite) {
    const a = JSON.stringify(before);
    const b = JSON.stringify(after);
    if (a === b) return 'not labeled';
    return !overwrite && b.length < a.length ? 'unlabeled' : 'labeled';
  },
};

const ANNOTATE: Mode = {
  command: 'annotate',
  parse: parseAnnotationSpecs,
  field: 'annotations',
  overwriteError(current, set) {
    // The change-cause annotation may always be overwritten; an identical value is no conflict.
    const found = [...set].filter(([k, v]) => k !== CHANGE_CAUSE && k in current && current[k] !== v).map(([k]) => `'${k}' already has a value (${current[k]})`);
    return found.length ? `error: --overwrite is false but found the following declared annotation(s): ${found.join('; ')}` : null;
  },
  validate: (m) => validateAnnotations(m, ['metadata', 'annotations']),
  message: () => 'annotated',
};

function run(sim: Simulation, args: string[], mode: Mode): CommandResult {
  const flags = parseFlags(args, [{ long: 'overwrite', bool: true }], mode.command);
  if (isResult(flags)) return flags;
  const resolved = resolveTarget(flags.positional);
  if (typeof resolved === 'string') return fail(resolved);
  const { target } = resolved;
  const specs = mode.parse(flags.positional.slice(resolved.used));
  if (typeof specs === 'string') return fail(specs);
  if (specs.set.size === 0 && specs.remove.length === 0) return fail(`error: at least one ${mode.field === 'labels' ? 'label' : 'annotation'} update is required`);
  const ns = target.kind.namespaced ? flags.namespace : undefined;
  const before = sim.api.get(target.kind.kind, ns, target.name);
  if (!before) return fail(notFoundText(target));
  const overwrite = boolFlag(flags, 'overwrite');
  if (!overwrite) {
    const refused = mode.overwriteError(before.metadata[mode.field] ?? {}, specs.set);
    if (refused) return fail(refused);
  }
  const next: Record<string, string> = { ...(before.metadata[mode.field] ?? {}) };
  for (const k of specs.remove) delete next[k];
  for (const [k, v] of specs.set) next[k] = v;
  const errors = mode.validate(next);
  if (errors.length) {
    const lines = [...new Set(errors.map((e) => e.message))];
    const head = `The ${target.kind.kind} "${target.name}" is invalid: `;
    return fail(lines.length === 1 ? `${head}${lines[0]}` : `${head}\n${lines.map((l) => `* ${l}`).join('\n')}`);
  }
  const r = sim.api.patch(target.kind.kind, ns, target.name, (o) => {
    if (Object.keys(next).length) o.metadata[mode.field] = next;
    else delete o.metadata[mode.field];
  });
  if (!r.ok) return fail(apiErrorText(r.error));
  return ok(`${objectRef(target)} ${mode.message(before, r.object, overwrite)}\n`);
}

/** `kubectl label TYPE NAME|TYPE/NAME KEY=VAL ... [KEY-] [--overwrite]` */
export const label = (sim: Simulation, args: string[]): CommandResult => run(sim, args, LABEL);
/** `kubectl annotate TYPE NAME|TYPE/NAME KEY=VAL ... [KEY-] [--overwrite]` */
export const annotate = (sim: Simulation, args: string[]): CommandResult => run(sim, args, ANNOTATE);

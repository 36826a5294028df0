// The kind registry and kubectl's kind resolution for `apply|create -f`.
//
// What kubectl 1.35 does with a document's apiVersion and kind (kubectl pkg/validation
// `getObjectKind`, cli-runtime `ValidateSchema` and `mapper.infoForData`, apimachinery
// `ParseGroupVersion` and `NoKindMatchError`):
// 1. Client-side validation first: a missing or non-string apiVersion/kind, or an apiVersion with two
//    slashes, fails the document with `error validating "F": error validating data: <problems>;
//    if you choose to ignore these errors, turn validation off with --validate=false`; several
//    problems print as `[apiVersion not set, kind not set]`. This stops the rest of the file.
// 2. Then the REST mapping: an unknown group/version/kind is `no matches for kind "CronJob" in
//    version "batch/v1beta1"`, which kubectl prints as `error: resource mapping not found for name:
//    "x" namespace: "" from "F": <that>\nensure CRDs are installed first` and goes on with the next
//    document. Kinds match exactly (case-sensitive). An empty version (`apiVersion: ""` or
//    `apps/`) picks the group's preferred version, so `apiVersion: ""` with `kind: Pod` maps to v1.
// 3. A document whose kind is the empty string is decoded first and fails with
//    `Object 'Kind' is missing in '<the document as compact JSON>'` (`unable to decode "F": …`).
import { goJSON, goQuote, plain } from '../validate/field.ts';
import type { FieldError } from '../validate/field.ts';
import { KIND_TABLE } from './kind-table.ts';
import type { KindInfo } from './kind-table.ts';
import upstreamKinds from './generated/upstream-kinds.json' with { type: 'json' };

export type KindEntry = KindInfo;
export type { KindInfo };

/** Every kind of the lab, in a stable order. */
export const KINDS: readonly KindEntry[] = KIND_TABLE;

const byGVK = new Map<string, KindEntry>(KINDS.map((k) => [`${k.apiVersion}|${k.kind}`, k]));

/** The entry for a kind name (`Deployment`), if the lab has it. */
export function kindNamed(kind: string): KindEntry | undefined {
  return KINDS.find((k) => k.kind === kind);
}

/**
 * The entry for a resource name as kubectl accepts it: plural, singular, short name or kind, any
 * case, optionally qualified by group or version.group (`jobs.batch`, `tfjobs.v1.kubeflow.org`).
 */
export function kindForResource(name: string): KindEntry | undefined {
  const n = name.toLowerCase();
  const dot = n.indexOf('.');
  const base = dot < 0 ? n : n.slice(0, dot);
  const qualifier = dot < 0 ? null : n.slice(dot + 1);
  return KINDS.find(
    (k) =>
      (k.resource === base || k.singular === base || k.shortNames.includes(base) || k.kind.toLowerCase() === base) &&
      (qualifier === null || qualifier === k.group || qualifier === `${k.version}.${k.group}`),
  );
}

export type ResolveResult =
  | { ok: true; entry: KindEntry }
  | {
      ok: false;
      /**
       * `NoKindMatch` with the mapper's text (`no matches for kind …`), or the client-side validation
       * text (`error validating data: …; if you choose …`) for a missing/invalid apiVersion or kind.
       */
      error: FieldError;
      /**
       * Which kubectl step failed: `validation` stops the file; `decode` (empty kind) and `mapping`
       * fail only this document.
       */
      step: 'validation' | 'decode' | 'mapping';
      /** The kind exists in a real 1.35 cluster but this lab does not simulate it. */
      notSimulated?: boolean;
    };

export const STOP_VALIDATE_MESSAGE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/**
 * Resolves a document's apiVersion and kind the way kubectl does (see the header). `document` is
 * only used for the text of the empty-kind error.
 */
export function resolveKind(apiVersion: unknown, kind: unknown, document?: unknown): ResolveResult {
  const problems: string[] = [];
  let group = '';
  let version = '';
  if (apiVersion === undefined || apiVersion === null) problems.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') problems.push("apiVersion isn't string type");
  else {
    const gv = parseGroupVersion(apiVersion);
    if (typeof gv === 'string') problems.push(gv);
    else ({ group, version } = gv);
  }
  if (kind === undefined || kind === null) problems.push('kind not set');
  else if (typeof kind !== 'string') problems.push("kind isn't string type");
  if (problems.length > 0) {
    const list = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
    const first = problems[0].startsWith('kind') ? 'kind' : 'apiVersion';
    const present = first === 'kind' ? kind !== undefined && kind !== null : apiVersion !== undefined && apiVersion !== null;
    const type = problems[0].includes('not set') ? 'FieldValueRequired' : 'FieldValueTypeInvalid';
    const message = `error validating data: ${list}; ${STOP_VALIDATE_MESSAGE}`;
    return { ok: false, step: 'validation', error: plain(type, message, present ? [first] : null) };
  }
  const k = kind as string;
  if (k === '') {
    const doc = document ?? { apiVersion, kind };
    return { ok: false, step: 'decode', error: plain('NoKindMatch', missingKindMessage(doc), ['kind']) };
  }
  if (version === '') {
    // No version: the mapper uses the group's preferred version.
    const entry = KINDS.find((e) => e.group === group && e.kind === k);
    if (entry) return { ok: true, entry };
  } else {
    const entry = byGVK.get(`${group ? `${group}/` : ''}${version}|${k}`);
    if (entry) return { ok: true, entry };
  }
  const gv = group ? `${group}/${version}` : version;
  const upstream = (upstreamKinds as Record<string, string[]>)[gv];
  if (upstream?.includes(k)) {
    const message = `kind ${goQuote(k)} in version ${goQuote(gv)} is not simulated in this lab`;
    return { ok: false, step: 'mapping', notSimulated: true, error: plain('NoKindMatch', message, ['kind']) };
  }
  return { ok: false, step: 'mapping', error: plain('NoKindMatch', noKindMatchMessage(k, gv), ['kind']) };
}

/** apimachinery's NoKindMatchError text for one searched version. */
export function noKindMatchMessage(kind: string, groupVersion: string): string {
  return `no matches for kind ${goQuote(kind)} in version ${goQuote(groupVersion)}`;
}

/** schema.ParseGroupVersion: the group and version, or the error text. */
export function parseGroupVersion(gv: string): { group: string; version: string } | string {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return `unexpected GroupVersion string: ${gv}`;
}

/** The whole kubectl error line for a NoKindMatch (`error: ` is added by kubectl's printer). */
export function resourceMappingNotFound(noMatch: string, name: string, namespace: string, source: string): string {
  return `resource mapping not found for name: ${goQuote(name)} namespace: ${goQuote(namespace)} from ${goQuote(source)}: ${noMatch}\nensure CRDs are installed first`;
}

/** The decode error for a document whose `kind` is empty (`Object 'Kind' is missing in '…'`). */
export function missingKindMessage(document: unknown): string {
  return `Object 'Kind' is missing in '${goJSON(document)}'`;
}

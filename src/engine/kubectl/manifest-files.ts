// `-f FILE` for apply, create, replace, delete and scale: the files come from the context (the sandbox
// editor's files, or the CLI's), are read as kubectl reads them (src/engine/yaml, reference §8), and turn into
// the objects kubectl would send, in file order, each with its source file and document for error texts and
// editor markers. Errors are kubectl's (§8.1): `the path "F" does not exist` stops the command;
// `error parsing F: …` and `error validating "F": …` end that file; `unable to decode "F": …` and
// `resource mapping not found …` lose one document; a namespace in the file that contradicts `-n` is refused.
import { readManifests, type ReadDocument } from '../yaml/index.ts';
import { resolveKind, resourceMappingNotFound, type KindEntry } from '../schema/index.ts';
import { validateManifests } from '../validate/validate-manifests.ts';
import type { FileProblem, KubectlContext } from './context.ts';
import type { ApiError } from '../api/api-error.ts';
import { plainError, type KubeError } from './errors.ts';
import { isMap, type JsonMap } from './apply/json-values.ts';

export interface FileObject {
  file: string;
  doc: ReadDocument;
  /** Where the object sits in the document (`['items', 2]` for a List item). */
  at: (string | number)[];
  /** The object as kubectl sends it: namespace filled in for namespaced kinds. */
  value: JsonMap;
  entry: KindEntry;
  name: string;
  /** Undefined for cluster-scoped kinds. */
  namespace?: string;
}

export interface FileRead {
  objects: FileObject[];
  /** Per-document and per-file errors, in reading order. */
  errors: KubeError[];
}

export interface ReadOptions {
  namespace: string;
  explicitNamespace: boolean;
}

/** The files a command names: the error that stops it, or the texts. */
export function fileTexts(ctx: KubectlContext, names: readonly string[]): { name: string; text: string }[] | KubeError {
  const out: { name: string; text: string }[] = [];
  for (const name of names) {
    if (name === '-') return plainError('reading a manifest from standard input (-f -) is not simulated: save it as a file in the editor and use -f FILE');
    if (/^https?:\/\//.test(name)) return plainError(`the lab has no network access to download "${name}": copy the manifest into a file and use -f FILE`);
    const text = ctx.files?.get(name) ?? ctx.files?.get(name.replace(/^\.\//, ''));
    if (text === undefined) return plainError(`the path "${name}" does not exist`);
    out.push({ name, text });
  }
  return out;
}

function nameOf(v: JsonMap): string {
  const meta = v.metadata;
  return isMap(meta) && typeof meta.name === 'string' ? meta.name : '';
}

function namespaceOf(v: JsonMap): string {
  const meta = v.metadata;
  return isMap(meta) && typeof meta.namespace === 'string' ? meta.namespace : '';
}

/** Reads every file into objects and errors, as kubectl's builder visits them. */
export function readFileObjects(files: readonly { name: string; text: string }[], o: ReadOptions): FileRead {
  const objects: FileObject[] = [];
  const errors: KubeError[] = [];
  for (const { name: file, text } of files) {
    const read = readManifests(text);
    type Step = { index: number; doc?: ReadDocument; error?: { message: string; stage: 'syntax' | 'decode' } };
    const steps: Step[] = [
      ...read.documents.map((doc): Step => ({ index: doc.index, doc })),
      ...read.errors.map((e): Step => ({ index: e.document, error: { message: e.message, stage: e.stage } })),
    ].sort((a, b) => a.index - b.index || (a.error ? 1 : 0) - (b.error ? 1 : 0));
    fileLoop: for (const step of steps) {
      if (step.error) {
        if (step.error.stage === 'syntax') {
          errors.push(plainError(`error parsing ${file}: ${step.error.message}`));
          break;
        }
        errors.push(plainError(`unable to decode "${file}": ${step.error.message}`));
        continue;
      }
      const doc = step.doc!;
      if (!isMap(doc.value)) continue;
      const items: { value: unknown; at: (string | number)[] }[] = Array.isArray(doc.value.items)
        ? doc.value.items.map((value, i) => ({ value, at: ['items', i] }))
        : Object.hasOwn(doc.value, 'items') ? [] : [{ value: doc.value, at: [] }];
      for (const item of items) {
        if (!isMap(item.value)) {
          errors.push(plainError(`unable to decode "${file}": json: cannot unmarshal ${Array.isArray(item.value) ? 'array' : typeof item.value === 'string' ? 'string' : typeof item.value === 'number' ? 'number' : 'bool'} into Go value of type unstructured.detector`));
          continue;
        }
        const value = structuredClone(item.value);
        const resolved = resolveKind(value.apiVersion, value.kind, value);
        if (!resolved.ok) {
          if (resolved.step === 'validation') {
            errors.push(plainError(`error validating "${file}": ${resolved.error.message}`));
            break fileLoop;
          }
          if (resolved.step === 'decode') {
            errors.push(plainError(`unable to decode "${file}": ${resolved.error.message}`));
            continue;
          }
          if (resolved.notSimulated) errors.push(plainError(`resource mapping not found for name: "${nameOf(value)}" namespace: "${namespaceOf(value)}" from "${file}": ${resolved.error.message}`));
          else errors.push(plainError(resourceMappingNotFound(resolved.error.message, nameOf(value), namespaceOf(value), file)));
          continue;
        }
        const entry = resolved.entry;
        let namespace: string | undefined;
        if (entry.namespaced) {
          const own = namespaceOf(value);
          if (own && o.explicitNamespace && own !== o.namespace) {
            errors.push(plainError(`the namespace from the provided object "${own}" does not match the namespace "${o.namespace}". You must pass '--namespace=${own}' to perform this operation.`));
            continue;
          }
          namespace = own || o.namespace;
          const meta = isMap(value.metadata) ? value.metadata : (value.metadata = {});
          meta.namespace = namespace;
        }
        objects.push({ file, doc, at: item.at, value, entry, name: nameOf(value), namespace });
      }
    }
  }
  return { objects, errors };
}

/** The problems `workload-lab validate` finds in the files, for the editor's markers. */
export function fileProblems(files: readonly { name: string; text: string }[]): FileProblem[] {
  return files.flatMap(({ name, text }) => validateManifests(text).problems.map((p) => ({ file: name, line: p.line, column: p.column, message: p.message })));
}

/**
 * The `-f` files of apply, create and replace: the objects read from them (in namespace `o`) and the problems
 * validation finds in them (the editor's markers), or the error that stops the command before anything is read.
 */
export function readManifestFiles(ctx: KubectlContext, names: readonly string[], o: ReadOptions): { read: FileRead; validation: FileProblem[] } | KubeError {
  const texts = fileTexts(ctx, names);
  if (!Array.isArray(texts)) return texts;
  return { read: readFileObjects(texts, o), validation: fileProblems(texts) };
}

/** `spec.template.spec.containers[0].image` → path segments for ReadDocument.locate. */
export function fieldSegments(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field))) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!);
  }
  return out;
}

/** Where a server error about `field` points in the object's file (its nearest existing ancestor, else `kind:`). */
export function problemAt(o: FileObject, field: string | null, message: string): FileProblem {
  const segments = field ? fieldSegments(field) : [];
  for (let n = segments.length; n > 0; n--) {
    const at = o.doc.locate([...o.at, ...segments.slice(0, n)]);
    if (at) return { file: o.file, ...(at.key ?? at.value), message };
  }
  const kind = o.doc.locate([...o.at, 'kind']);
  const pos = kind ? (kind.key ?? kind.value) : { line: o.doc.startLine, column: 1 };
  return { file: o.file, line: pos.line, column: pos.column, message };
}

/** Refusals about what a manifest says (marked in the editor), unlike AlreadyExists or NotFound. */
const CONTENT_REASONS: ReadonlySet<string> = new Set(['Invalid', 'BadRequest', 'Forbidden']);

/**
 * Marks a server refusal in the editor: a refusal about what the manifest says (Invalid, BadRequest, Forbidden)
 * is marked where its causes point — unless validation already marked that file (its marks are the same
 * problems, found earlier and placed better). AlreadyExists, NotFound and the like mark nothing.
 */
export function markRefusal(problems: FileProblem[], validation: readonly FileProblem[], o: FileObject, error: ApiError): void {
  if (!CONTENT_REASONS.has(error.reason) || validation.some((p) => p.file === o.file)) return;
  const causes = error.details?.causes ?? [];
  if (causes.length) for (const c of causes) problems.push(problemAt(o, c.field, c.message));
  else problems.push(problemAt(o, null, error.message));
}

// A manifest file through the API server's admission, document by document, in the server's order:
// reading (kubectl's YAML 1.1) → kind resolution → typed and strict decoding (or, for custom resources,
// pruning and the CRD's structural schema) → defaulting and the API server's own validation (or, for
// TFJob/PyTorchJob, the Training Operator's validating webhook). Each problem carries kubectl's words
// and the line and column in the file where a learner should look.

import { readManifests, type ReadDocument, type SourcePos } from '../yaml/index.ts';
import { checkStructure, resolveKind, type KindEntry } from '../schema/index.ts';
import { validateCreate } from './rules/index.ts';
import { validateKubeflowCreate } from './kubeflow/index.ts';
import type { ErrorType, FieldError, FieldPath } from './field.ts';

export interface ManifestProblem {
  /** 0-based index of the YAML document (chunk) in the file. */
  document: number;
  kind: string | null;
  name: string | null;
  /** The field path as the API server prints it, or null. */
  field: string | null;
  type: ErrorType;
  message: string;
  line: number;
  column: number;
}

export interface CheckedDocument {
  document: number;
  kind: string | null;
  name: string | null;
  /** The object as the learner wrote it (JSON), or null for a document that could not be read. */
  value: unknown;
  /** The registry entry of its kind, when the kind resolved. */
  entry: KindEntry | null;
  problems: ManifestProblem[];
}

export interface ManifestCheck {
  documents: CheckedDocument[];
  problems: ManifestProblem[];
}

type Obj = { apiVersion: string; kind: string; [k: string]: unknown };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nameOf(value: unknown): string | null {
  if (!isObject(value) || !isObject(value.metadata)) return null;
  const { name, generateName } = value.metadata;
  return typeof name === 'string' ? name : typeof generateName === 'string' ? generateName : null;
}

/** Where an error about `path` should point: the field's key, else its nearest existing ancestor's key. */
function positionOf(doc: ReadDocument, path: FieldPath | null): SourcePos {
  const segments = (path ?? []).map((s) => (typeof s === 'object' ? s.key : s));
  for (let n = segments.length; n > 0; n--) {
    const at = doc.locate(segments.slice(0, n));
    if (at) return at.key ?? at.value;
  }
  // No usable path: point at `kind:` (or the document's first line).
  const kind = doc.locate(['kind']);
  if (kind) return kind.key ?? kind.value;
  return { line: doc.startLine, column: 1 };
}

function admission(entry: KindEntry, value: Record<string, unknown>, doc: ReadDocument): FieldError[] {
  const structural = checkStructure(entry, value, { numberText: (p) => doc.numberText(p) });
  if (structural.length > 0) return structural;
  return entry.source === 'crd' ? validateKubeflowCreate(value as Obj) : validateCreate(value as Obj);
}

function checkDocument(doc: ReadDocument): CheckedDocument {
  const value = doc.value;
  const kindText = isObject(value) && typeof value.kind === 'string' ? value.kind : null;
  const name = nameOf(value);
  const result: CheckedDocument = { document: doc.index, kind: kindText, name, value, entry: null, problems: [] };
  const report = (errors: readonly FieldError[]) => {
    for (const e of errors) {
      const pos = positionOf(doc, e.path);
      result.problems.push({
        document: doc.index, kind: kindText, name, field: e.field, type: e.type, message: e.message,
        line: pos.line, column: pos.column,
      });
    }
  };
  if (!isObject(value)) {
    // kubectl cannot even read the kind of a list, a string or a number.
    if (value !== null) report(checkStructure(placeholderEntry, value));
    return result;
  }
  const resolved = resolveKind(value.apiVersion, value.kind, value);
  if (!resolved.ok) {
    report([resolved.error]);
    return result;
  }
  result.entry = resolved.entry;
  report(admission(resolved.entry, value, doc));
  return result;
}

// checkStructure answers for non-objects before looking at the entry; any entry will do for that.
const placeholderEntry = (() => {
  const r = resolveKind('v1', 'Pod');
  if (!r.ok) throw new Error('the kind table has no v1 Pod');
  return r.entry;
})();

/** Checks every document of one file's text. Never throws. */
export function validateManifests(text: string): ManifestCheck {
  const read = readManifests(text);
  const documents: CheckedDocument[] = [];
  for (const doc of read.documents) {
    try {
      documents.push(checkDocument(doc));
    } catch (err) {
      // A bug of ours must not look like a verdict on the learner's file; say so plainly.
      const pos = { line: doc.startLine, column: 1 };
      documents.push({
        document: doc.index, kind: null, name: null, value: doc.value, entry: null,
        problems: [{ document: doc.index, kind: null, name: null, field: null, type: 'FieldValueInvalid',
          message: `internal error in workload-lab while checking this document: ${(err as Error).message}`, ...pos }],
      });
    }
  }
  const readProblems: ManifestProblem[] = read.errors.map((e) => ({
    document: e.document, kind: null, name: null, field: null, type: 'YAMLSyntax', message: e.message,
    line: e.line, column: e.column,
  }));
  const problems = [...documents.flatMap((d) => d.problems), ...readProblems]
    .sort((a, b) => a.document - b.document || a.line - b.line || a.column - b.column);
  return { documents, problems };
}

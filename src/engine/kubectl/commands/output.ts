// What the changing commands print: kubectl's name printer with an operation (`job.batch/pi created`,
// `deployment.apps/web configured (dry run)`), `-o name`, and `-o yaml|json` of the objects (one object,
// or a `List` for several), plus results built from the collected errors (checkErr's text on stderr).
import type { KindEntry } from '../../schema/index.ts';
import type { KubectlResult } from '../context.ts';
import { aggregate, errorMessage, plainError, type KubeError } from '../errors.ts';
import { kindPrefix } from '../get.ts';
import { printJSON } from '../printers/json.ts';
import { printYAML } from '../printers/yaml.ts';

export type OutputMode = '' | 'name' | 'yaml' | 'json';
export type DryRun = 'none' | 'client' | 'server';

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** `-o` for commands that print what they changed (PrintFlags without the table printer). */
export function outputMode(value: string): OutputMode | KubeError {
  if (value === '' || value === 'name' || value === 'yaml' || value === 'json') return value;
  if (ALLOWED.split(',').some((f) => value === f || value.startsWith(`${f}=`))) {
    return plainError(`the output format "${value}" is not simulated for this command (supported: name, yaml, json)`);
  }
  return plainError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED}`);
}

const suffix = (dryRun: DryRun) => (dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '');

/** The name printer: `kind.group/name operation`, or just `kind.group/name` for `-o name`. */
export function operationLine(entry: KindEntry, name: string, operation: string, mode: OutputMode, dryRun: DryRun): string {
  if (mode === 'name') return `${kindPrefix(entry)}/${name}\n`;
  return `${kindPrefix(entry)}/${name} ${operation}${suffix(dryRun)}\n`;
}

/** kubectl hides managedFields. */
function strip(obj: unknown): unknown {
  const o = obj as { metadata?: Record<string, unknown> };
  if (!o.metadata || !('managedFields' in o.metadata)) return obj;
  const { managedFields: _hidden, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** `-o yaml|json` of what a command produced: one object, or a List. */
export function printObjects(objects: readonly unknown[], mode: 'yaml' | 'json'): string {
  if (objects.length === 0) return '';
  const body = objects.length === 1 ? strip(objects[0]) : { apiVersion: 'v1', items: objects.map(strip), kind: 'List', metadata: { resourceVersion: '' } };
  return mode === 'json' ? printJSON(body) : printYAML(body);
}

/** `-o yaml|json` of objects printed one by one (the YAML printer separates documents with `---`). */
export function printEach(objects: readonly unknown[], mode: 'yaml' | 'json'): string {
  return objects.map((o, i) => (mode === 'json' ? printJSON(strip(o)) : `${i > 0 ? '---\n' : ''}${printYAML(strip(o))}`)).join('');
}

/**
 * A result from what was printed and the errors collected: a command returns its only error as it is and
 * several as an aggregate, and checkErr prints that.
 */
export function finish(stdout: string, errors: readonly KubeError[], warnings = ''): KubectlResult {
  const err = errors.length === 1 ? errors[0]! : aggregate(errors);
  return { exitCode: err ? 1 : 0, stdout, stderr: warnings + (err ? errorMessage(err) : '') };
}

export function failWith(e: KubeError, stdout = '', warnings = ''): KubectlResult {
  return { exitCode: 1, stdout, stderr: warnings + errorMessage(e) };
}

// `kubectl get -o jsonpath=… | jsonpath-as-json=… | custom-columns=…`: what kubectl's printGeneric hands the
// template printers (one named object as is; otherwise a `v1 List` of every object found, even a single one
// from a list request) and what they print, or the printer's error as kubectl 1.35 words it
// (recordings in tests/golden/kubectl-output).
import type { KubeObject } from '../../api/objects.ts';
import type { GetOptions } from '../parse.ts';
import { parseCustomColumns, printCustomColumns } from './custom-columns.ts';
import type { GoValue } from './go-format.ts';
import { printJsonPath } from './jsonpath.ts';
import { tabwrite } from './tabwriter.ts';

export type TemplateOutput = { ok: true; stdout: string } | { ok: false; stdout: string; error: string };

const asGo = (v: unknown): GoValue => v as GoValue;

/** `objects`: the one named object, or every object of a list request. */
export function printTemplate(o: GetOptions, objects: KubeObject | KubeObject[]): TemplateOutput {
  const template = o.templateFlag !== '' ? o.templateFlag : o.template;
  const list = Array.isArray(objects) ? objects : null;
  if (o.output === 'custom-columns') {
    const spec = parseCustomColumns(template);
    if (!spec.ok) return { ok: false, stdout: '', error: `error: ${spec.error}` };
    const printed = printCustomColumns(spec.columns, (list ?? [objects as KubeObject]).map(asGo), o.noHeaders);
    if (printed.ok) return { ok: true, stdout: printed.text };
    // The header row is written (and flushed) before the column templates are parsed.
    return { ok: false, stdout: o.noHeaders ? '' : tabwrite([spec.columns.map((c) => c.header)]), error: `error: ${printed.error}` };
  }
  if (template === '') return { ok: false, stdout: '', error: 'error: template format specified but no template given' };
  const data = list ? { apiVersion: 'v1', items: list, kind: 'List', metadata: { resourceVersion: '' } } : objects;
  const printed = printJsonPath(template, asGo(data), { allowMissingKeys: o.allowMissingTemplateKeys, outputJSON: o.output === 'jsonpath-as-json' });
  return printed.ok ? { ok: true, stdout: printed.text } : { ok: false, stdout: '', error: `error: ${printed.error}` };
}

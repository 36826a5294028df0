// Helpers shared by kubectl's describers (k8s.io/kubectl pkg/describe): multiline labels, annotations and
// tolerations, RFC 1123Z times, `Controlled By`, label selectors as `labels.Selector.String()`.
import type { LabelSelector } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { formatRfc1123zUtc } from '../../cron/go-time.ts';
import { formatLabelSelector } from '../printers/label-selector.ts';
import { LEVEL_0 } from './prefix-writer.ts';
import type { PrefixWriter } from './prefix-writer.ts';

/** `time.RFC1123Z` in UTC (the oracle runs with TZ=UTC), e.g. `Sun, 29 Nov 2026 11:47:24 +0000`. */
export function rfc1123z(timestamp: string): string {
  return formatRfc1123zUtc(Date.parse(timestamp));
}

/** kubectl never shows the client-side apply bookkeeping annotation. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

const sortedKeys = (m: Record<string, string>) => Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(labels ?? {});
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k));
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(LEVEL_0, `${k}: ${value}\n`);
  });
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) return w.writeLine('<none>');
  tolerations.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // `operator: Exists` with no key and no effect tolerates everything.
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** `Kind/name` of the controller owner reference, or '' (kubectl's printController). */
export function controlledBy(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** `metav1.LabelSelectorAsSelector(sel).String()`: like FormatLabelSelector but empty instead of `<none>`. */
export function selectorString(sel: LabelSelector | undefined | null): string {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

/** Go's `%t`-style True/False used by printBool. */
export const printBool = (b: boolean | undefined): string => (b ? 'True' : 'False');

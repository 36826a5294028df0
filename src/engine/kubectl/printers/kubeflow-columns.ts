// Table columns of TFJob and PyTorchJob: the CRDs' additionalPrinterColumns (kubeflow-training reference §6;
// /work/shared/data/kubeflow-training-v1.9 `State` = `.status.conditions[-1:].type`, `Age` =
// `.metadata.creationTimestamp`), as the API server's custom-resource table convertor fills them. A job with no
// condition yet has no State value: the convertor sends a nil cell, which kubectl prints as nothing. `-o wide`
// adds no column (both have priority 0).
import type { KubeObject } from '../../api/objects.ts';
import { ageSince } from '../human-duration.ts';
import type { KindColumns } from './columns.ts';

/** The type of the last condition, or '' when there is none. */
export function trainingJobState(obj: KubeObject): string {
  const conditions = (obj.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) return '';
  const last = conditions[conditions.length - 1] as { type?: unknown } | null;
  return typeof last?.type === 'string' ? last.type : '';
}

export const trainingJobColumns: KindColumns = {
  headers: ['STATE', 'AGE'],
  wideHeaders: [],
  cells: (obj, nowMs) => [trainingJobState(obj), ageSince(obj.metadata.creationTimestamp, nowMs)],
};

// The Job a CronJob creates for a schedule time (utils.go getJobFromTemplate2, getTimeHashInMinutes; §5.9):
// named `<cronjob>-<scheduled time in Unix minutes>`, so the name is the same for the same time and acts as a
// lock against creating it twice; labels and annotations from spec.jobTemplate.metadata, plus the scheduled
// time in the CronJob's zone; a controller reference to the CronJob; spec = jobTemplate.spec.
import { clone, newControllerRef } from '../../api/objects.ts';
import { formatRfc3339 } from '../../cron/go-time.ts';
import { SCHEDULED_TIMESTAMP_ANNOTATION, type CronJob, type Job } from './types.ts';

/** getTimeHashInMinutes: Unix seconds / 60 (Go integer division). */
export function getTimeHashInMinutes(scheduledMs: number): number {
  return Math.trunc(Math.floor(scheduledMs / 1000) / 60);
}

export function getJobName(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${getTimeHashInMinutes(scheduledMs)}`;
}

/** The zone of the scheduled-timestamp annotation: spec.timeZone, or UTC (time.LoadLocation("")). */
function annotationZone(cj: CronJob): string {
  const zone = cj.spec?.timeZone;
  return zone === undefined || zone === null || zone === '' ? 'UTC' : zone;
}

/** The Job as the controller submits it (before the API server's defaults). */
export function jobFromTemplate(cj: CronJob, scheduledMs: number): Job {
  const template = cj.spec!.jobTemplate;
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
  annotations[SCHEDULED_TIMESTAMP_ANNOTATION] = formatRfc3339(scheduledMs, annotationZone(cj));
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: getJobName(cj, scheduledMs),
      namespace: cj.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations,
      ownerReferences: [{ ...newControllerRef(cj), apiVersion: 'batch/v1', kind: 'CronJob' }],
    },
    spec: clone(template.spec),
  };
}

// kubectl's CronJobDescriber (pkg/describe): schedule and policies, the job template (describeJobTemplate
// prints selector, parallelism, completions and the pod template, not the backoff limit), last schedule
// time, active jobs, events.
import type { KubeObject } from '../../api/objects.ts';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './common.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, tabbedString } from './prefix-writer.ts';
import type { DescribeContext } from './source.ts';
import type { JobSpecView } from './types.ts';

interface CronJobSpecView {
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  startingDeadlineSeconds?: number;
  jobTemplate?: { spec?: JobSpecView };
}

interface CronJobStatusView {
  lastScheduleTime?: string;
  active?: { name: string }[];
}

const orUnset = (v: number | undefined, suffix = '') => (v === undefined || v === null ? '<unset>' : `${v}${suffix}`);

export function describeCronJob(cj: KubeObject, ctx: DescribeContext): string {
  const spec = (cj.spec ?? {}) as CronJobSpecView;
  const status = (cj.status ?? {}) as CronJobStatusView;
  const job = spec.jobTemplate?.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, 's')}\n`);
    w.write(LEVEL_0, `Selector:\t${job.selector ? selectorString(job.selector) : '<unset>'}\n`);
    w.write(LEVEL_0, `Parallelism:\t${orUnset(job.parallelism)}\n`);
    w.write(LEVEL_0, `Completions:\t${orUnset(job.completions)}\n`);
    if (job.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${job.activeDeadlineSeconds}s\n`);
    describePodTemplate(job.template, w);
    w.write(LEVEL_0, `Last Schedule Time:\t${status.lastScheduleTime ? rfc1123z(status.lastScheduleTime) : '<unset>'}\n`);
    w.write(LEVEL_0, 'Active Jobs:\t');
    const active = status.active ?? [];
    w.writeLine(active.length === 0 ? '<none>' : active.map((j) => j.name).join(', '));
    describeEvents(eventsFor(ctx.api, cj), ctx.nowMs, w);
  });
}

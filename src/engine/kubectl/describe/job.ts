// kubectl's describeJob (pkg/describe): spec knobs, start/completion times and duration, pod counts,
// the pod template, events.
import type { KubeObject } from '../../api/objects.ts';
import { humanDuration } from '../human-duration.ts';
import { controlledBy, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './common.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, tabbedString } from './prefix-writer.ts';
import type { DescribeContext } from './source.ts';
import type { JobSpecView } from './types.ts';

interface JobStatusView {
  startTime?: string;
  completionTime?: string;
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  completedIndexes?: string;
}

/** capIndexesListOrNone: the first `cap` characters of the index list, cut at a comma, plus `...`. */
function capIndexes(list: string | undefined, cap: number): string {
  if (!list) return '<none>';
  if (list.length <= cap) return list;
  const cut = list.slice(0, cap).lastIndexOf(',');
  return `${list.slice(0, cut < 0 ? cap : cut)},...`;
}

export function describeJob(job: KubeObject, ctx: DescribeContext): string {
  const spec = (job.spec ?? {}) as JobSpecView;
  const status = (job.status ?? {}) as JobStatusView;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const owner = controlledBy(job);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
    if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
    if (status.startTime && status.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`);
    if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    const [active, succeeded, failed] = [status.active ?? 0, status.succeeded ?? 0, status.failed ?? 0];
    if (status.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${active} Active / ${succeeded} Succeeded / ${failed} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${active} Active (${status.ready} Ready) / ${succeeded} Succeeded / ${failed} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes, 50)}\n`);
    describePodTemplate(spec.template, w);
    describeEvents(eventsFor(ctx.api, job), ctx.nowMs, w);
  });
}

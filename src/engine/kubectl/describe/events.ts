// kubectl's DescribeEvents: the Events table at the bottom of describe, for the events whose
// involvedObject is the described object (kubectl selects them by kind, name, namespace and uid).
// Sorted by lastTimestamp (stable, as Go's insertion sort is for these sizes); repeated events read
// `<age of last> (xN over <age of first>)`; since kubectl 1.35 (#133627, reference §1.7) a set
// involvedObject.fieldPath is put in front of the message as `<fieldPath>: `.
import type { EventObject } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { ageSince } from '../human-duration.ts';
import { LEVEL_0, LEVEL_1 } from './prefix-writer.ts';
import type { PrefixWriter } from './prefix-writer.ts';
import type { DescribeSource } from './source.ts';

/** An Event as stored; `eventTime`/`series` are set by events.k8s.io/v1 writers, not by the simulator. */
interface EventView extends KubeObject {
  involvedObject: EventObject['involvedObject'];
  reason: string;
  message: string;
  type: string;
  source?: { component?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  count?: number;
  eventTime?: string | null;
  series?: { count: number; lastObservedTime: string } | null;
  reportingController?: string;
  reportingComponent?: string;
}

export function eventsFor(api: DescribeSource, obj: KubeObject): EventView[] {
  const ns = obj.metadata.namespace;
  return api.list<EventView>('Event', ns === undefined ? {} : { namespace: ns }).filter((e) => {
    const io = e.involvedObject;
    return io.name === obj.metadata.name && io.kind === obj.kind && (io.namespace ?? '') === (ns ?? '') && (!io.uid || io.uid === obj.metadata.uid);
  });
}

const time = (e: EventView) => Date.parse(e.lastTimestamp || e.eventTime || '') || 0;

export function describeEvents(events: readonly EventView[], nowMs: number, w: PrefixWriter): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => time(a) - time(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? ageSince(e.eventTime, nowMs) : ageSince(e.firstTimestamp, nowMs);
    let interval = first;
    if (e.series) interval = `${ageSince(e.series.lastObservedTime, nowMs)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${ageSince(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingController || e.reportingComponent || '';
    const fieldPath = e.involvedObject.fieldPath;
    const message = (fieldPath ? `${fieldPath}: ` : '') + (e.message ?? '').trim();
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${message}\n`);
  }
}

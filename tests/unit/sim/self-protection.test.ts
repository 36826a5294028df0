// Self-protection (issue 4): absurd input ends in a clear message, in bounded time and memory.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/sim/simulation.ts';
import { defaultControllers } from '../../../src/engine/sim/default-controllers.ts';
import { WorkCapExceeded } from '../../../src/engine/clock/virtual-clock.ts';
import type { EventObject } from '../../../src/engine/api/kinds.ts';

const deployment = (replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'huge' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'huge' } },
    template: { metadata: { labels: { app: 'huge' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
});

describe('self-protection', () => {
  it('replicas: 1e9 fills the object cap and the ReplicaSet reports FailedCreate, like a quota refusal', () => {
    const sim = new Simulation({ controllers: defaultControllers(), maxObjects: 300 });
    sim.apply(deployment(1_000_000_000));
    sim.runFor(60_000);
    const nonEvents = sim.api.all().filter((o) => o.kind !== 'Event');
    expect(nonEvents.length).toBe(300);
    const failed = sim.api.list<EventObject>('Event').find((e) => e.reason === 'FailedCreate');
    expect(failed).toMatchObject({ type: 'Warning', involvedObject: { kind: 'ReplicaSet' } });
    expect(failed!.message).toMatch(/^Error creating: pods "huge-[4-9bcdf]+-" is forbidden: the lab's simulated cluster holds at most 300 objects$/);
  });

  it('a runaway run stops at the work cap with WorkCapExceeded', () => {
    const sim = new Simulation({ controllers: defaultControllers(), maxTasks: 2_000 });
    sim.apply(deployment(5_000));
    expect(() => sim.runFor(3_600_000)).toThrow(WorkCapExceeded);
  });
});

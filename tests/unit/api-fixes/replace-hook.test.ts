// The API server runs the update rules on every replace (kubectl apply of a changed manifest): a changed
// Deployment selector or Job template is refused as Invalid with "field is immutable" (apps/batch validation
// ValidateDeploymentUpdate / ValidateJobSpecUpdate), while a mutable change (replicas) is accepted.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/sim/simulation.ts';

const deployment = (app: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app } },
    template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
});

const job = (image: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image }] } } },
});

describe('ApiServer.replace runs the update validation', () => {
  it('refuses a changed Deployment selector and accepts a changed replica count', () => {
    const sim = new Simulation({ controllers: [] });
    expect(sim.apply(deployment('web', 2)).outcome).toBe('created');
    const changed = sim.apply(deployment('web2', 2));
    expect(changed.error?.reason).toBe('Invalid');
    expect(changed.error?.message).toContain('spec.selector');
    expect(changed.error?.message).toContain('field is immutable');
    expect(sim.apply(deployment('web', 5)).outcome).toBe('configured');
  });

  it('refuses a changed Job pod template', () => {
    const sim = new Simulation({ controllers: [] });
    expect(sim.apply(job('perl:5.34.0')).outcome).toBe('created');
    const changed = sim.apply(job('perl:5.36.0'));
    expect(changed.error?.reason).toBe('Invalid');
    expect(changed.error?.message).toContain('spec.template');
    expect(changed.error?.message).toContain('field is immutable');
  });
});

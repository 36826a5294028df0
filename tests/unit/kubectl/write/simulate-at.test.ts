// `workload-lab simulate --at "D kubectl …"` goes through the same kubectl engine (notes/cli.md): the input files
// are what `-f` names, objects the CLI applies carry kubectl apply's last-applied annotation, and a command that
// keeps printing while time passes (`rollout status`) has its later lines in its record.
import { describe, expect, it } from 'vitest';
import { runSimulation, type SimulationOutcome } from '../../../../src/engine/sim/run-simulation.ts';
import type { SimulationReport } from '../../../../src/engine/sim/report.ts';
import { LAST_APPLIED } from '../../../../src/engine/kubectl/apply/last-applied.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.26
`;

function report(o: SimulationOutcome): SimulationReport {
  if ('errors' in o) throw new Error(JSON.stringify(o.errors));
  return o;
}

describe('simulate --at with the kubectl engine', () => {
  it('applies the input files as kubectl apply -f does: the last-applied annotation is on the object', () => {
    const r = report(runSimulation({ files: [{ name: 'web.yaml', text: WEB }], until: 1000 }));
    const d = r.objects.find((o) => o.kind === 'Deployment')!;
    expect(JSON.parse(d.metadata.annotations![LAST_APPLIED]!)).toEqual({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { annotations: {}, name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx:1.26', name: 'web' }] } } },
    });
  });

  it('`kubectl apply -f` names the input files; `rollout status` records the lines printed until the rollout is done', () => {
    const v2 = WEB.replace('nginx:1.26', 'nginx:1.27');
    const r = report(runSimulation({
      files: [{ name: 'web.yaml', text: WEB }, { name: 'web-v2.yaml', text: v2 }],
      until: 300_000,
      at: [{ offsetMs: 60_000, command: 'kubectl apply -f web-v2.yaml' }, { offsetMs: 60_000, command: 'kubectl rollout status deployment/web' }],
    }));
    // Both files are input: web-v2.yaml was applied at the start too, so the --at apply finds it unchanged.
    expect(r.commands[0]).toMatchObject({ command: 'kubectl apply -f web-v2.yaml', exitCode: 0, output: 'deployment.apps/web unchanged' });
    expect(r.commands[1]).toMatchObject({ exitCode: 0, output: 'deployment "web" successfully rolled out' });
  });

  it('a rollout started by an --at command is followed by rollout status until it completes', () => {
    const r = report(runSimulation({
      files: [{ name: 'web.yaml', text: WEB }],
      until: 300_000,
      at: [{ offsetMs: 60_000, command: 'kubectl set image deployment/web web=nginx:1.27' }, { offsetMs: 60_000, command: 'kubectl rollout status deployment/web' }],
    }));
    const status = r.commands[1]!;
    expect(status.exitCode).toBe(0);
    const lines = status.output.split('\n');
    expect(lines[0]).toBe('Waiting for deployment spec update to be observed...');
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
  });
});

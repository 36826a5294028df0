// `kubectl logs`: pod/container choice and client-side errors against kubectl 1.35.2 (tests/golden/kubectl-oracle
// 34–37, 44; tests/golden/kubectl-logs, whose store holds extra multi-container pods); the server-side messages
// as the kubelet and API server word them (kubernetes pkg/kubelet/kubelet_pods.go validateContainerLogStatus,
// pkg/registry/core/pod/strategy.go); and the log text the lab derives from each container's command on a
// running simulation (notes/cli.md: behaviour follows the command; the docs' pi Job prints π to 2000 digits).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import { logs } from '../../../../src/engine/kubectl/commands/logs.ts';
import { containerLog } from '../../../../src/engine/kubectl/logs/container-log.ts';
import { bpi } from '../../../../src/engine/kubectl/logs/pi-digits.ts';
import { defaultControllers } from '../../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { GOLDEN, loadOracleSim } from './oracle-sim.ts';
import { printed, recording, recordings } from './recordings.ts';

const PI_2000 = `${bpi(2000)}\n`;

describe('π as the docs\' pi Job prints it (perl -Mbignum=bpi -wle "print bpi(2000)")', () => {
  it('has 2000 significant digits, begins as recording 34 and ends …275901 (the Kubernetes docs\' output)', () => {
    const rec = recording('kubectl-oracle', '34');
    expect(PI_2000.length).toBe(2002); // "3." + 1999 digits + newline
    expect(PI_2000.startsWith(rec.stdout.trimEnd())).toBe(true);
    expect(PI_2000.endsWith('958133904780275901\n')).toBe(true);
  });
});

describe('kubectl logs on the oracle store (tests/golden/kubectl-oracle 34–37, 44)', () => {
  const { sim } = loadOracleSim();
  // The store's pi pods run `perl -Mbignum=bpi -wle 'print bpi(100)'`; the text the oracle served for them is
  // the hand-written store's `logs` entry (π truncated to 101 decimals), not perl's output. perl prints bpi(100):
  // 100 significant digits, the last one rounded.
  const PI_100 = `${bpi(100)}\n`;

  it('34 logs pi-7wqlb: the pi container printed π to 100 digits (the recorded digits agree up to the rounded last one)', () => {
    const rec = recording('kubectl-oracle', '34');
    expect(printed(logs(sim, rec.args))).toEqual({ stdout: PI_100, stderr: rec.stderr, exitCode: rec.exitCode });
    expect(rec.stdout.startsWith(bpi(100).slice(0, -1))).toBe(true);
  });

  it('37 logs job/pi: two pods, kubectl picks pi-7wqlb and says so', () => {
    const rec = recording('kubectl-oracle', '37');
    expect(printed(logs(sim, rec.args))).toEqual({ stdout: PI_100, stderr: rec.stderr, exitCode: rec.exitCode });
  });

  it('44 logs nope: kubectl\'s NotFound text', () => {
    const rec = recording('kubectl-oracle', '44');
    expect(printed(logs(sim, rec.args))).toEqual(printed(rec));
  });

  it('35, 36: nginx and the TF example image print nothing the lab can know (no command to read), with kubectl\'s exit code', () => {
    for (const prefix of ['35', '36']) {
      const rec = recording('kubectl-oracle', prefix);
      expect(printed(logs(sim, rec.args))).toEqual({ stdout: '', stderr: rec.stderr, exitCode: rec.exitCode });
    }
  });
});

describe('kubectl logs: kubectl\'s choices and errors match kubectl 1.35.2 (tests/golden/kubectl-logs)', () => {
  const { sim } = loadOracleSim({ file: `${GOLDEN}/kubectl-logs/store.json` });
  /** The fake server answers these itself (not an oracle); the kubelet's / API server's words are checked below. */
  const SERVER_TEXT = new Set(['32', '39']);
  for (const rec of recordings('kubectl-logs')) {
    if (SERVER_TEXT.has(rec.dir.slice(0, 2))) continue;
    it(`${rec.command} (stderr and exit code; the log text is the store's there)`, () => {
      const r = logs(sim, rec.args);
      expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stderr: rec.stderr, exitCode: rec.exitCode });
      if (rec.stdout.includes('3.14159')) expect(r.stdout).toMatch(/3\.14159265/);
    });
  }

  it('32 logs -p on a container that never restarted: the kubelet has no previous instance', () => {
    expect(printed(logs(sim, ['pi-7wqlb', '-p']))).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "pi" in pod "pi-7wqlb" not found\n', exitCode: 1 });
  });

  it('39 logs in a namespace without the pod: the API server\'s NotFound for the pod', () => {
    expect(logs(sim, ['pod/pi-7wqlb', '-n', 'kube-system']).stderr).toBe('error: error from server (NotFound): pods "pi-7wqlb" not found in namespace "kube-system"\n');
  });
});

// ---- on a running simulation ------------------------------------------------------------------------------

function cluster(): Simulation {
  return new Simulation({ controllers: defaultControllers() });
}

function pod(sim: Simulation, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) {
  const r = sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });
  expect(r.error).toBeUndefined();
}

const busybox = (command: string[], extra: Record<string, unknown> = {}) => ({ name: 'main', image: 'busybox:1.36', command, ...extra });
/** When the pod's first container started (its current run). */
function started(sim: Simulation, name: string): number {
  const state = sim.api.get<Pod>('Pod', 'default', name)!.status!.containerStatuses![0]!.state!;
  return Date.parse((state.running ?? state.terminated)!.startedAt!);
}

describe('what containers print, and when (lab log model)', () => {
  it('a shell loop prints its echo lines one per second; lines appear as simulated time passes', () => {
    const sim = cluster();
    pod(sim, 'count', { restartPolicy: 'Never', containers: [busybox(['sh', '-c', 'for i in 1 2 3; do echo "hello $i from $HOSTNAME"; sleep 1; done'])] });
    sim.runFor(10_000);
    expect(logs(sim, ['count']).stdout).toBe('hello 1 from count\nhello 2 from count\nhello 3 from count\n');
    const t0 = started(sim, 'count');
    const stamps = logs(sim, ['count', '--timestamps']).stdout.split('\n').filter((l) => l).map((l) => Date.parse(l.split(' ')[0]!) - t0);
    expect(stamps).toEqual([0, 1000, 2000]);
    expect(logs(sim, ['count', '--tail=1']).stdout).toBe('hello 3 from count\n');
  });

  it('Kubernetes expands $(VAR) from env in the command; fieldRef values, printf and redirections behave as in a shell', () => {
    const sim = cluster();
    const env = [
      { name: 'GREETING', value: 'hi' },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];
    pod(sim, 'env', { restartPolicy: 'Never', containers: [busybox(['sh', '-c', 'echo "$(GREETING) from $POD"; printf "%s=%d\\n" answer 42; echo hidden > /tmp/x; echo gone > /dev/null; cat /tmp/x; echo err >&2'], { env })] });
    sim.runFor(10_000);
    expect(logs(sim, ['env']).stdout).toBe('hi from env\nanswer=42\nhidden\nerr\n');
  });

  it('an endless loop keeps printing until the container stops; -f streams new lines', () => {
    const sim = cluster();
    pod(sim, 'ticker', { containers: [busybox(['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 2; done'])] });
    sim.runFor(10_000);
    const r = logs(sim, ['ticker', '-f']);
    const before = r.stdout.split('\n').filter((l) => l).length;
    expect(before).toBeGreaterThan(0);
    expect(r.stream).toBeDefined();
    sim.runFor(6_000);
    expect(r.stream!.poll()).toBe(`tick ${before + 1}\ntick ${before + 2}\ntick ${before + 3}\n`);
    expect(r.stream!.done()).toBe(false);
    r.stream!.stop();
    expect(r.stream!.done()).toBe(true);
  });

  it('-f ends when the followed container terminates', () => {
    const sim = cluster();
    pod(sim, 'short', { restartPolicy: 'Never', containers: [busybox(['sh', '-c', 'echo one; sleep 3; echo two'])] });
    while (!sim.api.get<Pod>('Pod', 'default', 'short')!.status?.containerStatuses?.[0]?.state?.running) sim.runFor(100);
    const r = logs(sim, ['short', '-f']);
    expect(r.stdout).toBe('one\n');
    expect(r.stream!.done()).toBe(false);
    sim.runFor(5_000);
    expect(r.stream!.poll()).toBe('two\n');
    expect(r.stream!.done()).toBe(true);
  });

  it('a crash-looping container: logs shows the last run, -p the one before; before the first start the kubelet says it is waiting', () => {
    const sim = cluster();
    pod(sim, 'crash', { containers: [busybox(['sh', '-c', 'echo starting; echo boom >&2; exit 1'])] });
    expect(containerLog(sim, 'default', 'crash', 'main')).toEqual({ ok: true, text: '', lines: [] }); // not scheduled: empty log
    sim.runFor(300);
    const waiting = logs(sim, ['crash']);
    expect(waiting.stderr).toMatch(/^Error from server \(BadRequest\): container "main" in pod "crash" is waiting to start: ContainerCreating\n$/);
    sim.runFor(60_000);
    expect(logs(sim, ['crash']).stdout).toBe('starting\nboom\n');
    expect(logs(sim, ['crash', '--previous']).stdout).toBe('starting\nboom\n');
  });

  it('an image that cannot be pulled: the kubelet\'s wording', () => {
    const sim = cluster();
    pod(sim, 'nopull', { containers: [busybox(['sleep', '3600'])] }, { 'sim.workload-lab.dev/image-pull': 'fail' });
    sim.runFor(30_000);
    expect(logs(sim, ['nopull']).stderr).toMatch(/^Error from server \(BadRequest\): container "main" in pod "nopull" is waiting to start: (image can't be pulled|trying and failing to pull image)\n$/);
  });

  it('the docs\' pi Job: nothing while perl computes, then π to 2000 digits; job/pi waits for its pod to appear', () => {
    const sim = cluster();
    sim.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } } } });
    const r = logs(sim, ['job/pi']);
    expect(r.stream).toBeDefined(); // no pod yet: GetPodList watches for one
    sim.runFor(120_000);
    expect(r.stream!.done()).toBe(true);
    expect(logs(sim, ['job/pi']).stdout).toBe(PI_2000);
  });

  it('several containers: kubectl defaults to the first and says which; -c and --all-containers choose', () => {
    const sim = cluster();
    pod(sim, 'two', { containers: [busybox(['sh', '-c', 'echo from a; sleep 3600']), { ...busybox(['sh', '-c', 'echo from b; sleep 3600']), name: 'b' }] });
    sim.runFor(30_000);
    expect(printed(logs(sim, ['two']))).toEqual({ stdout: 'from a\n', stderr: 'Defaulted container "main" out of: main, b\n', exitCode: 0 });
    expect(logs(sim, ['two', '-c', 'b']).stdout).toBe('from b\n');
    expect(logs(sim, ['two', '--all-containers', '--prefix']).stdout).toBe('[pod/two/main] from a\n[pod/two/b] from b\n');
    expect(containerLog(sim, 'default', 'two', 'x')).toEqual({ ok: false, error: 'Error from server (BadRequest): container x is not valid for pod two' });
  });
});

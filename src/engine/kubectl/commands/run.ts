// `kubectl run NAME --image=IMAGE [--restart=Always|OnFailure|Never] [--labels=k=v,…] [--env=K=V]… [--port=P]
// [--command] [-- ARGS…]` (kubectl pkg/cmd/run/run.go, pkg/generate/versioned/run.go BasicPod): one Pod with
// one container named like the Pod, labels `run: NAME` unless --labels, dnsPolicy ClusterFirst, the words after
// `--` as args (or command with --command). Recordings 50, 51, 80, 97–107. Attaching (-i, -t, --attach, --rm)
// and --expose need a terminal session and a Service the lab does not simulate.
import { kindNamed } from '../../schema/index.ts';
import type { JsonMap } from '../apply/json-values.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { plainError, type KubeError } from '../errors.ts';
import { GLOBAL_FLAGS, dryRunStrategy, parseFlags, usageError, type FlagDef } from '../flags.ts';
import { GENERATOR_FLAGS, runGenerator } from './generate.ts';
import { failWith } from './output.ts';

const FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, ...GENERATOR_FLAGS,
  { name: 'annotations', kind: 'stringArray' },
  { name: 'image', kind: 'string', required: true },
  { name: 'image-pull-policy', kind: 'string' },
  { name: 'rm', kind: 'bool' },
  { name: 'env', kind: 'stringArray' },
  { name: 'port', kind: 'string' },
  { name: 'labels', short: 'l', kind: 'string' },
  { name: 'stdin', short: 'i', kind: 'bool' },
  { name: 'tty', short: 't', kind: 'bool' },
  { name: 'attach', kind: 'bool' },
  { name: 'leave-stdin-open', kind: 'bool' },
  { name: 'restart', kind: 'string' },
  { name: 'command', kind: 'bool' },
  { name: 'expose', kind: 'bool' },
  { name: 'quiet', short: 'q', kind: 'bool' },
  { name: 'privileged', kind: 'bool' },
  { name: 'overrides', kind: 'string' },
  { name: 'override-type', kind: 'string' },
  { name: 'pod-running-timeout', kind: 'duration' },
];

/** distribution/reference's ReferenceRegexp, as `run` checks --image. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`);

/** generate.ParseLabels; the map's keys come out sorted, as Go marshals maps. */
function parseKeyValues(spec: string, what: string): Record<string, string> | KubeError {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) return plainError(`unexpected ${what} spec: ${part}`);
    if (kv[0] === '') return plainError(`unexpected empty ${what} key`);
    out[kv[0]!] = kv[1]!;
  }
  return sortKeys(out);
}

function sortKeys(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]!]));
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function run(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, FLAGS, 'run');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  if (flags.args.length === 0 || flags.argsLenAtDash === 0) return failWith(usageError('run', 'NAME is required for run'));
  const image = flags.string('image');
  if (image === '') return failWith(plainError('--image is required'));
  if (!REFERENCE.test(image)) return failWith(plainError(`Invalid image name "${image}": invalid reference format`));
  const interactive = flags.bool('stdin');
  if (flags.bool('tty') && !interactive) return failWith(usageError('run', '-i/--stdin is required for containers with -t/--tty=true'));
  if (flags.bool('expose') && flags.string('port') === '') return failWith(usageError('run', '--port must be set when exposing a service'));
  const restartFlag = flags.string('restart', 'Always');
  const restart = restartFlag === '' ? (interactive ? 'OnFailure' : 'Always') : restartFlag;
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return failWith(usageError('run', `invalid restart policy: ${restartFlag}`));
  const attach = flags.bool('attach') || interactive;
  if (!attach && flags.bool('rm')) return failWith(usageError('run', '--rm should only be used for attached containers'));
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if (!('type' in dry) && attach && dry.strategy !== 'none') {
    return failWith(usageError('run', "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
  }
  const pullPolicy = flags.string('image-pull-policy');
  if (!['', 'Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) return failWith(usageError('run', `invalid image pull policy: ${pullPolicy}`));
  if (attach) return failWith(plainError('attaching to the container (-i, -t, --attach) is not simulated: run it without them, then follow its output with "kubectl logs -f POD"'));
  if (flags.bool('expose')) return failWith(plainError('--expose is not simulated: the lab has no Services or networking'));
  if (flags.changed('overrides')) return failWith(plainError('--overrides is not simulated: write the Pod as a manifest and use kubectl apply -f'));

  const name = flags.args[0]!;
  const words = flags.args.slice(1);
  let labels: Record<string, string> = { run: name };
  if (flags.string('labels') !== '') {
    const l = parseKeyValues(flags.string('labels'), 'label');
    if ('type' in l) return failWith(l as KubeError);
    labels = l as Record<string, string>;
  }
  let annotations: Record<string, string> | undefined;
  for (const a of flags.array('annotations')) {
    const eq = a.indexOf('=');
    if (eq <= 0) return failWith(plainError(`invalid annotation spec: ${a}`));
    annotations = sortKeys({ ...(annotations ?? {}), [a.slice(0, eq)]: a.slice(eq + 1) });
  }
  const env: { name: string; value: string }[] = [];
  for (const e of flags.array('env')) {
    const eq = e.indexOf('=');
    if (eq <= 0 || !ENV_NAME.test(e.slice(0, eq))) return failWith(plainError(`invalid env: ${e}`));
    env.push({ name: e.slice(0, eq), value: e.slice(eq + 1) });
  }
  const port = flags.string('port');
  let ports: { containerPort: number }[] | undefined;
  if (port !== '') {
    if (!/^[+-]?\d+$/.test(port)) return failWith(plainError(`strconv.Atoi: parsing "${port}": invalid syntax`));
    ports = [{ containerPort: Number(port) }];
  }
  const container: JsonMap = {
    name,
    image,
    ...(words.length ? { [flags.bool('command') ? 'command' : 'args']: words } : {}),
    ...(ports ? { ports } : {}),
    ...(env.length ? { env } : {}),
    resources: {},
    ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    ...(flags.bool('privileged') ? { securityContext: { privileged: true } } : {}),
  };
  const object: JsonMap = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, ...(flags.explicitNamespace ? { namespace: flags.namespace } : {}), labels, ...(annotations ? { annotations } : {}) },
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  return runGenerator(ctx, flags, { entry: kindNamed('Pod')!, name, object });
}

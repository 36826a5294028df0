// `kubectl create deployment NAME --image=IMAGE… [--replicas=N] [--port=P] [-- COMMAND…]` (kubectl
// pkg/cmd/create/create_deployment.go): labels and selector `app: NAME`, one container per image named
// after the image's last path element without tag or digest (a name with `_` or `.` gets `-` and a random
// 5-character suffix), the port on the first container. Recordings 47, 76–90 (tests/golden/kubectl-write).
import { kindNamed } from '../../schema/index.ts';
import type { JsonMap } from '../apply/json-values.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { plainError } from '../errors.ts';
import { GLOBAL_FLAGS, parseFlags, type FlagDef } from '../flags.ts';
import { GENERATOR_FLAGS, nameFromArgs, runGenerator } from './generate.ts';
import { failWith } from './output.ts';

const FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, ...GENERATOR_FLAGS,
  { name: 'image', kind: 'stringSlice', required: true },
  { name: 'port', kind: 'int32' },
  { name: 'replicas', short: 'r', kind: 'int32' },
];

/** The container name kubectl derives from an image reference. */
export function containerNameFor(image: string, randomSuffix: () => string): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${randomSuffix()}`;
  return name;
}

export function createDeployment(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, FLAGS, 'create deployment');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  const named = nameFromArgs(flags, 'create deployment');
  if ('type' in named) return failWith(named);
  const images = flags.slice('image');
  if (images.length > 1 && named.command.length > 0) return failWith(plainError('cannot specify multiple --image options and command'));
  const name = named.name;
  const labels = { app: name };
  const containers: JsonMap[] = images.map((image) => ({
    name: containerNameFor(image, () => ctx.sim.random.nameSuffix(5)),
    image,
    ...(named.command.length ? { command: named.command } : {}),
    resources: {},
  }));
  const port = flags.int('port', -1);
  if (port >= 0 && containers.length > 0) {
    const c = containers[0]!;
    // Field order of a Container: name, image, command, args, workingDir, ports, …, resources.
    containers[0] = { name: c.name, image: c.image, ...(c.command ? { command: c.command } : {}), ports: [{ containerPort: port }], resources: {} };
  }
  const object: JsonMap = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, ...(flags.explicitNamespace ? { namespace: flags.namespace } : {}), labels },
    spec: {
      replicas: flags.int('replicas', 1),
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  return runGenerator(ctx, flags, { entry: kindNamed('Deployment')!, name, object, failurePrefix: 'failed to create deployment' });
}

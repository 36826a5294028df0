// `kubectl describe TYPE [NAME_PREFIX]`, `describe TYPE/NAME …`: finds the objects like kubectl's
// resource builder, runs the kind's describer (k8s.io/kubectl pkg/describe) and joins several
// descriptions with a blank line. A name that does not exist falls back to describing every object
// whose name starts with it (kubectl's DescribeMatchingResources, which prints each description followed
// by a newline); if none does, the NotFound error stands: `Error from server (NotFound): jobs.batch "nope"
// not found`.
import type { ApiServer } from '../../api/api-server.ts';
import type { LabelSelector } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { kindForResource } from '../../schema/index.ts';
import type { KindEntry } from '../../schema/index.ts';
import type { CommandResult } from '../get.ts';
import { qualifiedResource } from '../get.ts';
import { parseArgs } from '../parse.ts';
import { parseSelector } from '../selector.ts';
import { describeCronJob } from './cronjob.ts';
import { describeDeployment } from './deployment.ts';
import { describeJob } from './job.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { describeReplicaSet } from './replicaset.ts';
import { describeService } from './service.ts';
import { describeTrainingJob } from './training-job.ts';
import type { DescribeContext, DescribeSource } from './source.ts';

export type { DescribeContext, DescribeSource } from './source.ts';

type Describer = (obj: KubeObject, ctx: DescribeContext) => string;

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  Job: describeJob,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  CronJob: describeCronJob,
  Node: describeNode,
  Service: describeService,
  TFJob: describeTrainingJob,
  PyTorchJob: describeTrainingJob,
};

const REQUIRED =
  'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  "error: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n";

interface Target {
  kind: KindEntry;
  name: string | null;
}

/** `args`: the words after `describe` (flags included: -n/--namespace, -A, -l). */
export function runDescribe(api: ApiServer | DescribeSource, nowMs: number, args: string[]): CommandResult {
  const parsed = parseArgs(['describe', ...args]);
  if (!parsed.ok) return { exitCode: parsed.exitCode, stdout: '', stderr: parsed.stderr.replace("'kubectl get --help'", "'kubectl describe --help'") };
  const o = parsed.options;
  const words = o.args;
  if (words.length === 0) return { exitCode: 1, stdout: '', stderr: REQUIRED };
  const targets: Target[] = [];
  if (words[0]!.includes('/')) {
    for (const w of words) {
      const slash = w.indexOf('/');
      if (slash < 0) return fail("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl describe resource/<resource_name>' instead of 'kubectl describe resource resource/<resource_name>'");
      const kind = kindForResource(w.slice(0, slash));
      if (!kind) return fail(`error: the server doesn't have a resource type "${w.slice(0, slash)}"`);
      targets.push({ kind, name: w.slice(slash + 1) });
    }
  } else {
    const kinds: KindEntry[] = [];
    for (const t of words[0]!.split(',').filter((x) => x !== '')) {
      const kind = kindForResource(t);
      if (!kind) return fail(`error: the server doesn't have a resource type "${t}"`);
      kinds.push(kind);
    }
    const names = words.slice(1);
    for (const kind of kinds) {
      if (names.length === 0) targets.push({ kind, name: null });
      else for (const name of names) targets.push({ kind, name });
    }
  }
  let selector: LabelSelector | undefined;
  if (o.selector !== undefined) {
    const sel = parseSelector(o.selector);
    if (!sel.ok) return fail(sel.error);
    selector = sel.selector;
  }
  const ctx: DescribeContext = { api, nowMs };
  const namespace = o.allNamespaces ? undefined : o.namespace;
  const out: string[] = [];
  const prefixed: string[] = [];
  const errors: string[] = [];
  // kubectl's prefix fallback applies to the `describe TYPE NAME` form with a single name only.
  const prefixFallback = !words[0]!.includes('/') && words.length === 2;
  for (const t of targets) {
    const describer = DESCRIBERS[t.kind.kind];
    if (!describer) {
      errors.push(notSimulated(t.kind.resource));
      continue;
    }
    let objects: KubeObject[];
    if (t.name === null) {
      objects = api.list(t.kind.kind, { ...(t.kind.namespaced && namespace !== undefined ? { namespace } : {}), ...(selector ? { selector } : {}) });
    } else {
      const ns = t.kind.namespaced ? o.namespace : undefined;
      const found = api.get(t.kind.kind, ns, t.name);
      if (found) objects = [found];
      else {
        const matching = prefixFallback ? api.list(t.kind.kind, t.kind.namespaced ? { namespace: o.namespace } : {}).filter((x) => x.metadata.name.startsWith(t.name!)) : [];
        if (matching.length === 0) {
          errors.push(`Error from server (NotFound): ${qualifiedResource(t.kind)} "${t.name}" not found`);
          continue;
        }
        for (const obj of matching) prefixed.push(`${describer(obj, ctx)}\n`);
        continue;
      }
    }
    for (const obj of objects) out.push(describer(obj, ctx));
  }
  if (out.length === 0 && prefixed.length === 0 && errors.length === 0) {
    const where = namespace === undefined ? '' : ` in ${namespace} namespace`;
    return { exitCode: 0, stdout: '', stderr: `No resources found${where}.\n` };
  }
  return { exitCode: errors.length > 0 ? 1 : 0, stdout: out.join('\n\n') + prefixed.join(''), stderr: errors.map((e) => `${e}\n`).join('') };
}

const notSimulated = (resource: string) =>
  `error: "kubectl describe ${resource}" is not simulated yet (this simulator describes: pods, deployments, replicasets, jobs, cronjobs, nodes, services, tfjobs, pytorchjobs)`;

function fail(message: string): CommandResult {
  return { exitCode: 1, stdout: '', stderr: `${message}\n` };
}


// How the scheduler binds a pod: the pods/binding subresource (ApiServer.bind) sets spec.nodeName and the
// PodScheduled=True condition in one write, without a generation bump.
import type { ApiServer } from '../api/api-server.ts';
import type { Pod } from '../api/kinds.ts';

export function bindPod(api: ApiServer, namespace: string, name: string, nodeName: string): { ok: true; pod: Pod } | { ok: false; error: string } {
  const r = api.bind(namespace, name, nodeName);
  return r.ok ? { ok: true, pod: r.object as Pod } : { ok: false, error: r.error.message };
}

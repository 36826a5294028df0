// The nodes of a sandbox's cluster: the default cluster, or the v1 Node documents a lesson gives as text.
import type { Node } from '../api/kinds.ts';
import { validateManifests } from '../validate/validate-manifests.ts';

export interface ClusterNodes {
  /** Empty means the default cluster (src/engine/sim/default-cluster.ts). */
  nodes: Node[];
  /** Problems with the lesson's cluster text (a lesson bug: shown, and the default cluster is used). */
  problems: string[];
}

export function clusterNodes(cluster: string | undefined): ClusterNodes {
  if (cluster === undefined || cluster.trim() === '' || cluster === 'default') return { nodes: [], problems: [] };
  const check = validateManifests(cluster);
  const problems = check.problems.map((p) => `cluster line ${p.line}: ${p.message}`);
  const nodes: Node[] = [];
  for (const doc of check.documents) {
    const v = doc.value as { apiVersion?: unknown; kind?: unknown } | null;
    if (doc.problems.length === 0 && v && v.apiVersion === 'v1' && v.kind === 'Node') nodes.push(v as unknown as Node);
    else if (doc.problems.length === 0) problems.push(`cluster document ${doc.document + 1}: only v1 Node documents describe a cluster`);
  }
  return { nodes, problems };
}

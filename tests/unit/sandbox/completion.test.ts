// Tab completion in the sandbox terminal (src/engine/sandbox/completion.ts). Resource words are what
// discovery lists for 1.35 (src/engine/schema/kind-table.ts, checked against `kubectl api-resources`).
import { describe, expect, it } from 'vitest';
import { complete, type CompletionSource } from '../../../src/engine/sandbox/completion.ts';
import { commonPrefix } from '../../../src/islands/sandbox/terminal/common-prefix.ts';

const source: CompletionSource = {
  files: () => ['pi-job.yaml', 'parallel-job.yaml'],
  names: (kind, namespace) => {
    if (kind === 'Pod' && namespace === 'default') return ['pi-abcde', 'pi-fghij', 'web-1'];
    if (kind === 'Pod' && namespace === 'kube-system') return ['coredns-1'];
    if (kind === 'Job') return ['pi'];
    if (kind === 'Node') return ['node-1', 'node-2'];
    return [];
  },
  namespaces: () => ['default', 'kube-system'],
};

const at = (line: string) => complete(line, line.length, source);

describe('terminal completion', () => {
  it('completes programs and kubectl verbs', () => {
    expect(at('ku')).toEqual({ from: 0, to: 2, candidates: ['kubectl'] });
    expect(at('kubectl de').candidates).toEqual(['delete', 'describe']);
    expect(at('kubectl ').candidates).toContain('apply');
  });

  it('completes resource types with their short names, and `all` for get', () => {
    expect(at('kubectl get po').candidates).toEqual(['po', 'pod', 'pods']);
    expect(at('kubectl get deploy').candidates).toEqual(['deploy', 'deployment', 'deployments']);
    expect(at('kubectl get cj').candidates).toEqual(['cj']);
    expect(at('kubectl get a').candidates).toEqual(['all']);
    expect(at('kubectl describe a').candidates).toEqual([]);
  });

  it('completes object names after a type, in the namespace of -n, and in TYPE/NAME form', () => {
    expect(at('kubectl get pods pi-')).toEqual({ from: 17, to: 20, candidates: ['pi-abcde', 'pi-fghij'] });
    expect(at('kubectl -n kube-system get pods ').candidates).toEqual(['coredns-1']);
    expect(at('kubectl describe job/').candidates).toEqual(['job/pi']);
    expect(at('kubectl logs pi-f').candidates).toEqual(['pi-fghij']);
    expect(at('kubectl get nodes node-').candidates).toEqual(['node-1', 'node-2']);
  });

  it('completes flag values: files after -f, formats after -o, namespaces after -n', () => {
    expect(at('kubectl apply -f p').candidates).toEqual(['parallel-job.yaml', 'pi-job.yaml']);
    expect(at('kubectl get pods -o y').candidates).toEqual(['yaml']);
    expect(at('kubectl get pods -n k').candidates).toEqual(['kube-system']);
    expect(at('kubectl get pods --w').candidates).toEqual(['--watch']);
  });

  it('completes the lab fault commands with pods and nodes', () => {
    expect(at('lab ').candidates).toEqual(['crash', 'fail-node', 'restore-node']);
    expect(at('lab crash w').candidates).toEqual(['web-1']);
    expect(at('lab fail-node ').candidates).toEqual(['node-1', 'node-2']);
    expect(at('kubectl cordon n').candidates).toEqual(['node-1', 'node-2']);
  });

  it('completes in the middle of a line, up to the cursor', () => {
    expect(complete('kubectl get po -w', 14, source)).toEqual({ from: 12, to: 14, candidates: ['po', 'pod', 'pods'] });
  });

  it('finds the common prefix of the candidates', () => {
    expect(commonPrefix(['pi-abcde', 'pi-fghij'])).toBe('pi-');
    expect(commonPrefix(['pod'])).toBe('pod');
    expect(commonPrefix([])).toBe('');
  });
});

// Pod spec rules (core validation.go ValidatePodSpec and the container checks). Messages are the
// upstream format strings; value rendering follows §7.1.

import { describe, expect, it } from 'vitest';
import { DNS_LABEL_MSG, LABEL_KEY_NAME_MSG, container, messages, pod, podWith } from './helpers.ts';

describe('containers', () => {
  it('requires at least one container', () => {
    expect(messages(pod({ containers: [] }))).toEqual(['spec.containers: Required value']);
  });

  it('requires a DNS-label name and an image', () => {
    expect(messages(pod({ containers: [{ name: '', image: '' }] }))).toEqual([
      'spec.containers[0].name: Required value',
      'spec.containers[0].image: Required value',
    ]);
    expect(messages(pod({ containers: [container({ name: 'Web' })] }))).toEqual([`spec.containers[0].name: Invalid value: "Web": ${DNS_LABEL_MSG}`]);
    expect(messages(pod({ containers: [container({ name: 'web.v1' })] }))).toEqual([
      'spec.containers[0].name: Invalid value: "web.v1": must not contain dots',
    ]);
  });

  it('needs container names unique across init and regular containers', () => {
    expect(messages(pod({ containers: [container({ name: 'a' }), container({ name: 'b' })], initContainers: [container({ name: 'c' })] }))).toEqual([]);
    expect(messages(pod({ containers: [container({ name: 'a' }), container({ name: 'a' })] }))).toEqual([
      'spec.containers[1].name: Duplicate value: "a"',
    ]);
    expect(messages(pod({ containers: [container({ name: 'a' })], initContainers: [container({ name: 'a' })] }))).toEqual([
      'spec.initContainers[0].name: Duplicate value: "a"',
    ]);
  });

  it('rejects leading or trailing whitespace in a Pod image (not in templates)', () => {
    expect(messages(podWith({ image: 'nginx ' }))).toEqual([
      'spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace',
    ]);
  });

  it('checks imagePullPolicy and terminationMessagePolicy values', () => {
    expect(messages(podWith({ imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' }))).toEqual([]);
    expect(messages(podWith({ imagePullPolicy: 'Sometimes', terminationMessagePolicy: 'Stderr' }))).toEqual([
      'spec.containers[0].terminationMessagePolicy: Unsupported value: "Stderr": supported values: "File", "FallbackToLogsOnError"',
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });

  it('forbids restartPolicy on regular containers', () => {
    expect(messages(podWith({ restartPolicy: 'Always' }))).toEqual([
      'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
    ]);
  });
});

describe('init containers', () => {
  it('allows restartPolicy Always (sidecars), with probes', () => {
    const sidecar = container({ name: 'log', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } });
    expect(messages(pod({ initContainers: [sidecar] }))).toEqual([]);
  });

  it('accepts only Always as an init container restartPolicy', () => {
    expect(messages(pod({ initContainers: [container({ name: 'init', restartPolicy: 'OnFailure' })] }))).toEqual([
      'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });

  it('forbids probes and lifecycle on plain init containers', () => {
    const init = container({ name: 'init', livenessProbe: { exec: { command: ['true'] } }, lifecycle: { preStop: { exec: { command: ['x'] } } } });
    expect(messages(pod({ initContainers: [init] }))).toEqual([
      'spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });
});

describe('ports', () => {
  it('accepts a named port, defaulting the protocol to TCP', () => {
    expect(messages(podWith({ ports: [{ name: 'http', containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }))).toEqual([]);
  });

  it('requires containerPort and checks the range and protocol', () => {
    expect(messages(podWith({ ports: [{ containerPort: 0 }, { containerPort: 70000, hostPort: -1, protocol: 'ICMP' }] }))).toEqual([
      'spec.containers[0].ports[0].containerPort: Required value',
      'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('checks port names and rejects duplicates', () => {
    expect(messages(podWith({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }))).toEqual([
      'spec.containers[0].ports[1].name: Duplicate value: "http"',
    ]);
    expect(messages(podWith({ ports: [{ name: 'web-http-port-name', containerPort: 80 }, { name: '8080', containerPort: 81 }] }))).toEqual([
      'spec.containers[0].ports[0].name: Invalid value: "web-http-port-name": must be no more than 15 characters',
      'spec.containers[0].ports[1].name: Invalid value: "8080": must contain at least one letter (a-z)',
    ]);
  });

  it('rejects a host port used twice in the pod', () => {
    const a = container({ name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] });
    const b = container({ name: 'b', ports: [{ containerPort: 81, hostPort: 8080 }] });
    expect(messages(pod({ containers: [a, b] }))).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });
});

describe('resources', () => {
  it('accepts requests up to limits', () => {
    expect(messages(podWith({ resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } } }))).toEqual([]);
  });

  it('requires requests <= limits, printing both quantities canonically', () => {
    expect(messages(podWith({ resources: { requests: { cpu: '1' }, limits: { cpu: '0.5' } } }))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ]);
  });

  it('rejects negative quantities', () => {
    expect(messages(podWith({ resources: { requests: { memory: '-1Gi' } } }))).toEqual([
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
    ]);
  });

  it('fails the whole request when a quantity does not parse (decode error)', () => {
    expect(messages(podWith({ resources: { limits: { cpu: 'two' } } }))).toEqual([
      `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  });

  it('requires extended resources to be integers with requests equal to limits', () => {
    expect(messages(podWith({ resources: { requests: { 'example.com/dongle': 3 }, limits: { 'example.com/dongle': 3 } } }))).toEqual([]);
    expect(messages(podWith({ resources: { limits: { 'example.com/dongle': '1.5' } } }))).toEqual([
      'spec.containers[0].resources.limits[example.com/dongle]: Invalid value: "1500m": must be an integer',
      // a Pod's requests default to its limits, so the request is checked too
      'spec.containers[0].resources.requests[example.com/dongle]: Invalid value: "1500m": must be an integer',
    ]);
    expect(messages(podWith({ resources: { requests: { 'example.com/dongle': 2 }, limits: { 'example.com/dongle': 3 } } }))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be equal to example.com/dongle limit of 3',
    ]);
  });

  it('rejects resource names that are not container resources', () => {
    expect(messages(podWith({ resources: { limits: { gpu: '1' } } }))).toEqual([
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });
});

describe('env', () => {
  it('accepts relaxed names (any printable ASCII except "=") and sources', () => {
    const env = [
      { name: 'MY.VAR-1', value: 'x' },
      { name: '1st var', value: 'y' },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } },
    ];
    expect(messages(podWith({ env }))).toEqual([]);
  });

  it('requires a name and rejects "="', () => {
    expect(messages(podWith({ env: [{ name: '' }, { name: 'A=B' }] }))).toEqual([
      'spec.containers[0].env[0].name: Required value',
      "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
  });

  it('requires exactly one valueFrom source, and no value with it', () => {
    expect(messages(podWith({ env: [{ name: 'A', valueFrom: {} }] }))).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    ]);
    expect(messages(podWith({ env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }))).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ]);
  });

  it('checks downward API field paths', () => {
    expect(messages(podWith({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.foo' } } }] }))).toEqual([
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo',
    ]);
    expect(messages(podWith({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }] }))).toEqual([
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ]);
  });
});

describe('volumes and volumeMounts', () => {
  it('accepts mounts of declared volumes', () => {
    const spec = { volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }] };
    expect(messages(podWith({ volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/cfg' }] }, spec))).toEqual([]);
  });

  it('requires DNS-label volume names, unique', () => {
    const spec = { volumes: [{ name: 'Data', emptyDir: {} }, { name: 'x', emptyDir: {} }, { name: 'x', emptyDir: {} }] };
    expect(messages(pod(spec))).toEqual([
      `spec.volumes[0].name: Invalid value: "Data": ${DNS_LABEL_MSG}`,
      'spec.volumes[2].name: Duplicate value: "x"',
    ]);
  });

  it('allows one source per volume', () => {
    expect(messages(pod({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/tmp' } }] }))).toEqual([
      'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
    ]);
  });

  it('checks required source fields', () => {
    expect(messages(pod({ volumes: [{ name: 'c', persistentVolumeClaim: { claimName: '' } }, { name: 's', secret: { defaultMode: 1000 } }] }))).toEqual([
      'spec.volumes[0].persistentVolumeClaim.claimName: Required value',
      'spec.volumes[1].secret.secretName: Required value',
      'spec.volumes[1].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
    ]);
  });

  it('requires mounts to name a volume, with unique mount paths', () => {
    const spec = { volumes: [{ name: 'data', emptyDir: {} }] };
    expect(messages(podWith({ volumeMounts: [{ name: 'nope', mountPath: '/a' }, { name: 'data', mountPath: '/a' }, { name: 'data', mountPath: '' }] }, spec))).toEqual([
      'spec.containers[0].volumeMounts[0].name: Not found: "nope"',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/a": must be unique',
      'spec.containers[0].volumeMounts[2].mountPath: Required value',
    ]);
  });
});

describe('probes and lifecycle', () => {
  it('accepts a probe with one handler', () => {
    expect(messages(podWith({ livenessProbe: { httpGet: { port: 8080 }, initialDelaySeconds: 5 }, readinessProbe: { tcpSocket: { port: 'http' } } }))).toEqual([]);
  });

  it('requires exactly one handler', () => {
    expect(messages(podWith({ livenessProbe: {} }))).toEqual(['spec.containers[0].livenessProbe: Required value: must specify a handler type']);
    expect(messages(podWith({ readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } }))).toEqual([
      'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ]);
  });

  it('checks numbers, the liveness success threshold and ports', () => {
    expect(messages(podWith({ livenessProbe: { exec: { command: ['true'] }, periodSeconds: -1, successThreshold: 2 } }))).toEqual([
      'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
    expect(messages(podWith({ startupProbe: { httpGet: { port: 0 } } }))).toEqual([
      'spec.containers[0].startupProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(messages(podWith({ readinessProbe: { exec: { command: [] } } }))).toEqual(['spec.containers[0].readinessProbe.exec.command: Required value']);
  });

  it('bounds a sleep hook by the grace period', () => {
    expect(messages(podWith({ lifecycle: { preStop: { sleep: { seconds: 5 } } } }))).toEqual([]);
    expect(messages(podWith({ lifecycle: { preStop: { sleep: { seconds: 31 } } } }))).toEqual([
      'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)',
    ]);
  });
});

describe('pod-level fields', () => {
  it('accepts any of Always, OnFailure, Never for a Pod', () => {
    for (const restartPolicy of ['Always', 'OnFailure', 'Never']) expect(messages(pod({ restartPolicy }))).toEqual([]);
    expect(messages(pod({ restartPolicy: 'Sometimes' }))).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('checks dnsPolicy', () => {
    expect(messages(pod({ dnsPolicy: 'Default' }))).toEqual([]);
    expect(messages(pod({ dnsPolicy: 'Google' }))).toEqual([
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
    expect(messages(pod({ dnsPolicy: 'None' }))).toEqual(['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
  });

  it('bounds activeDeadlineSeconds to 1..2147483647 but lets a negative grace period through', () => {
    expect(messages(pod({ activeDeadlineSeconds: 1, terminationGracePeriodSeconds: 0 }))).toEqual([]);
    expect(messages(pod({ activeDeadlineSeconds: 0 }))).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ]);
    // upstream only warns about a negative terminationGracePeriodSeconds
    expect(messages(pod({ terminationGracePeriodSeconds: -1 }))).toEqual([]);
  });

  it('checks nodeSelector as labels', () => {
    expect(messages(pod({ nodeSelector: { 'kubernetes.io/os': 'linux' } }))).toEqual([]);
    expect(messages(pod({ nodeSelector: { 'disk type': 'ssd' } }))).toEqual([`spec.nodeSelector: Invalid value: "disk type": ${LABEL_KEY_NAME_MSG}`]);
  });

  it('checks hostname, nodeName and serviceAccountName', () => {
    expect(messages(pod({ hostname: 'web-0', nodeName: 'node-1.example', serviceAccountName: 'builder' }))).toEqual([]);
    expect(messages(pod({ hostname: 'web_0' }))).toEqual([`spec.hostname: Invalid value: "web_0": ${DNS_LABEL_MSG}`]);
  });

  it('requires hostPort to equal containerPort with hostNetwork (defaulted for Pods)', () => {
    expect(messages(podWith({ ports: [{ containerPort: 80 }] }, { hostNetwork: true }))).toEqual([]);
    expect(messages(podWith({ ports: [{ containerPort: 80, hostPort: 81 }] }, { hostNetwork: true }))).toEqual([
      'spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true',
    ]);
  });

  it('checks security context ids', () => {
    expect(messages(pod({ securityContext: { runAsUser: 1000, fsGroup: 2000 } }))).toEqual([]);
    expect(messages(pod({ securityContext: { runAsUser: -1 } }))).toEqual([
      'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    ]);
  });
});

describe('tolerations', () => {
  it('accepts Equal and Exists tolerations', () => {
    const tolerations = [
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ];
    expect(messages(pod({ tolerations }))).toEqual([]);
  });

  it('checks operator, effect and their combinations', () => {
    const tolerations = [
      { operator: 'Equal', value: 'x' },
      { key: 'k', operator: 'Maybe', effect: 'Never' },
      { key: 'k', operator: 'Exists', value: 'v', tolerationSeconds: 5 },
    ];
    expect(messages(pod({ tolerations }))).toEqual([
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
      'spec.tolerations[1].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      "spec.tolerations[2].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set",
      "spec.tolerations[2].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
    ]);
  });
});

describe('affinity', () => {
  it('checks node selector terms and weights', () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
      },
    };
    expect(messages(pod({ affinity }))).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ]);
  });

  it('requires a topologyKey on pod affinity terms', () => {
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    expect(messages(pod({ affinity }))).toEqual([]);
  });
});

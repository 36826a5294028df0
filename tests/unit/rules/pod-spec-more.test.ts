// More pod spec rules (core validation.go): security contexts, volume sources, DNS, gates,
// topology spread, OS, pod annotations. Expected texts are upstream's format strings.

import { describe, expect, it } from 'vitest';
import { LABEL_KEY_NAME_MSG, container, messages, pod, podWith } from './helpers.ts';

describe('security contexts', () => {
  it('checks seccomp profiles', () => {
    expect(messages(pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }))).toEqual([]);
    expect(messages(pod({ securityContext: { seccompProfile: { type: 'Custom' } } }))).toEqual([
      'spec.securityContext.seccompProfile.type: Unsupported value: "Custom": supported values: "Localhost", "RuntimeDefault", "Unconfined"',
    ]);
    expect(messages(podWith({ securityContext: { seccompProfile: { type: 'Localhost' } } }))).toEqual([
      'spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
    ]);
  });

  it('rejects allowPrivilegeEscalation false with privileged true', () => {
    expect(messages(podWith({ securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true } }))).toEqual([]);
    expect(messages(podWith({ securityContext: { allowPrivilegeEscalation: false, privileged: true } }))).toEqual([
      'spec.containers[0].securityContext: Invalid value: {"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    ]);
  });

  it('checks container user and group ids', () => {
    expect(messages(podWith({ securityContext: { runAsGroup: 2147483648 } }))).toEqual([
      'spec.containers[0].securityContext.runAsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive',
    ]);
  });
});

describe('volume sources', () => {
  it('checks hostPath', () => {
    expect(messages(pod({ volumes: [{ name: 'h', hostPath: { path: '/var/log', type: 'Directory' } }] }))).toEqual([]);
    expect(messages(pod({ volumes: [{ name: 'h', hostPath: { path: '/a/../b', type: 'Folder' } }] }))).toEqual([
      "spec.volumes[0].hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
      'spec.volumes[0].hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ]);
  });

  it('checks key-to-path items', () => {
    expect(messages(pod({ volumes: [{ name: 'c', configMap: { name: 'cfg', items: [{ key: 'k', path: 'conf/app.yaml' }] } }] }))).toEqual([]);
    expect(messages(pod({ volumes: [{ name: 'c', configMap: { name: 'cfg', items: [{ key: '', path: '/etc/app' }] } }] }))).toEqual([
      'spec.volumes[0].configMap.items[0].key: Required value',
      'spec.volumes[0].configMap.items[0].path: Invalid value: "/etc/app": must be a relative path',
    ]);
  });

  it('checks downward API volume fields (reported without the item index, as upstream does)', () => {
    const ok = { name: 'd', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } };
    expect(messages(pod({ volumes: [ok] }))).toEqual([]);
    const bad = { name: 'd', downwardAPI: { items: [{ path: 'node', fieldRef: { fieldPath: 'spec.nodeName' } }] } };
    expect(messages(pod({ volumes: [bad] }))).toEqual([
      'spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
    ]);
  });

  it('checks projected service account tokens', () => {
    const token = (expirationSeconds: number) => ({ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds } }] } });
    expect(messages(pod({ volumes: [token(3600)] }))).toEqual([]);
    expect(messages(pod({ volumes: [token(60)] }))).toEqual([
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    ]);
  });

  it('checks mount propagation and sub-paths (reported without the mount index, as upstream does)', () => {
    const spec = { volumes: [{ name: 'data', emptyDir: {} }] };
    expect(messages(podWith({ volumeMounts: [{ name: 'data', mountPath: '/d', subPath: 'a/b', mountPropagation: 'HostToContainer' }] }, spec))).toEqual([]);
    expect(messages(podWith({ volumeMounts: [{ name: 'data', mountPath: '/d', subPath: '/abs', mountPropagation: 'Bidirectional' }] }, spec))).toEqual([
      'spec.containers[0].volumeMounts.subPath: Invalid value: "/abs": must be a relative path',
      'spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers',
    ]);
  });
});

describe('container details', () => {
  it('checks envFrom sources', () => {
    expect(messages(podWith({ envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }] }))).toEqual([]);
    expect(messages(podWith({ envFrom: [{ prefix: 'X' }] }))).toEqual([
      'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
    ]);
  });

  it('checks httpGet schemes and readiness grace periods', () => {
    expect(messages(podWith({ livenessProbe: { httpGet: { port: 80, scheme: 'FTP' } } }))).toEqual([
      'spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
    ]);
    expect(messages(podWith({ readinessProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 } }))).toEqual([
      'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes',
    ]);
  });

  it('checks resize policies', () => {
    expect(messages(podWith({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] }))).toEqual([]);
    expect(messages(podWith({ resizePolicy: [{ resourceName: 'gpu', restartPolicy: 'NotRequired' }] }))).toEqual([
      'spec.containers[0].resizePolicy: Unsupported value: "gpu": supported values: "cpu", "memory"',
    ]);
  });

  it('checks hugepages', () => {
    expect(messages(podWith({ resources: { limits: { 'hugepages-2Mi': '4Mi', memory: '64Mi' } } }))).toEqual([]);
    expect(messages(podWith({ resources: { limits: { 'hugepages-2Mi': '3Mi' } } }))).toEqual([
      'spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
      'spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
      'spec.containers[0].resources: Forbidden: HugePages require cpu or memory',
    ]);
  });
});

describe('DNS and host aliases', () => {
  it('checks dnsConfig', () => {
    expect(messages(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.10'], searches: ['svc.cluster.local'] } }))).toEqual([]);
    expect(messages(pod({ dnsConfig: { nameservers: ['1.2.3'] } }))).toEqual([
      'spec.dnsConfig.nameservers[0]: Invalid value: "1.2.3": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    expect(messages(pod({ dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '1.0.0.1'] } }))).toEqual([
      'spec.dnsConfig.nameservers: Invalid value: ["1.1.1.1","8.8.8.8","9.9.9.9","1.0.0.1"]: must not have more than 3 nameservers',
    ]);
  });

  it('checks hostAliases', () => {
    expect(messages(pod({ hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local'] }] }))).toEqual([]);
    expect(messages(pod({ hostAliases: [{ ip: '010.0.0.1', hostnames: ['ok'] }, { ip: '2001:DB8::1' }] }))).toEqual([
      'spec.hostAliases[0].ip: Invalid value: "010.0.0.1": must not have leading 0s',
      'spec.hostAliases[1].ip: Invalid value: "2001:DB8::1": must be in canonical form ("2001:db8::1")',
    ]);
  });
});

describe('gates and priorities', () => {
  it('checks readiness gates', () => {
    expect(messages(pod({ readinessGates: [{ conditionType: 'example.com/ready' }] }))).toEqual([]);
    expect(messages(pod({ readinessGates: [{ conditionType: 'bad gate' }] }))).toEqual([
      `spec.readinessGates[0].conditionType: Invalid value: "bad gate": ${LABEL_KEY_NAME_MSG}`,
    ]);
  });

  it('checks scheduling gates and their use with nodeName', () => {
    expect(messages(pod({ schedulingGates: [{ name: 'example.com/gate' }] }))).toEqual([]);
    expect(messages(pod({ schedulingGates: [{ name: 'example.com/gate' }, { name: 'example.com/gate' }] }))).toEqual([
      'spec.schedulingGates[1]: Duplicate value: "example.com/gate"',
    ]);
    expect(messages(pod({ nodeName: 'node-1', schedulingGates: [{ name: 'example.com/gate' }] }))).toEqual([
      'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    ]);
  });

  it('checks preemptionPolicy', () => {
    expect(messages(pod({ preemptionPolicy: 'Never' }))).toEqual([]);
    expect(messages(pod({ preemptionPolicy: 'Always' }))).toEqual([
      'spec.preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"',
    ]);
  });

  it('forbids ephemeral containers on create', () => {
    expect(messages(pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }))).toEqual([
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
    ]);
  });
});

describe('topology spread constraints', () => {
  const c = (extra: Record<string, unknown> = {}) => ({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra });

  it('accepts a constraint', () => {
    expect(messages(pod({ topologySpreadConstraints: [c()] }))).toEqual([]);
  });

  it('checks skew, key, action and duplicates', () => {
    expect(messages(pod({ topologySpreadConstraints: [c({ maxSkew: 0, whenUnsatisfiable: 'Sometimes' }), c(), c()] }))).toEqual([
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
      'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Sometimes": supported values: "DoNotSchedule", "ScheduleAnyway"',
      'spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"',
    ]);
  });
});

describe('pod affinity terms', () => {
  it('requires a topologyKey', () => {
    const affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } } }] } };
    const p = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey';
    expect(messages(pod({ affinity }))).toEqual([
      `${p}: Required value: can not be empty`,
      `${p}: Invalid value: "": name part must be non-empty`,
      `${p}: Invalid value: "": ${LABEL_KEY_NAME_MSG}`,
    ]);
  });
});

describe('operating system', () => {
  it('accepts linux and windows', () => {
    expect(messages(pod({ os: { name: 'linux' } }))).toEqual([]);
    expect(messages(pod({ os: { name: 'windows' } }))).toEqual([]);
  });

  it('rejects other systems and linux-only fields on windows', () => {
    expect(messages(pod({ os: { name: 'macos' } }))).toEqual(['spec.os: Unsupported value: "macos": supported values: "linux", "windows"']);
    expect(messages(pod({ os: { name: 'windows' }, securityContext: { runAsUser: 1000 } }))).toEqual([
      'spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod',
    ]);
  });
});

describe('pod annotations', () => {
  it('checks the pod deletion cost', () => {
    expect(messages(pod({}, { name: 'web', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-5' } }))).toEqual([]);
    expect(messages(pod({}, { name: 'web', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '+5' } }))).toEqual([
      'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+5": must be a 32bit integer',
    ]);
  });

  it('checks template annotations at spec.template.annotations', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' }, annotations: { 'controller.kubernetes.io/pod-deletion-cost': 'high' } }, spec: { containers: [container()] } },
      },
    };
    expect(messages(d)).toEqual([
      'spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "high": must be a 32bit integer',
    ]);
  });
});

describe('other kinds', () => {
  it('are not checked here', () => {
    // (Services are validated since the api-fixes work: tests/unit/api-fixes/service-validation.test.ts)
    expect(messages({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toEqual([]);
    expect(messages({ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: {} })).toEqual([]);
  });
});

// applyDefaults against §1.1, §3.1, §4.1, §4.2 and §5.1 of the reference and
// pkg/apis/{core,apps,batch}/v1/defaults.go.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../../../src/engine/defaults/index.ts';
import { container, cronJob, deployment, job, pod, podWith, replicaSet } from './helpers.ts';
import { CORPUS_DIR } from '../shared-dir.ts';

const CORPUS = `${CORPUS_DIR}/kubernetes-website/`;
const UID = '3f0c7a52-8c43-4cf5-9d63-7f2b1c9e0a11';

type Any = Record<string, any>;

function corpus(file: string): Any {
  return parse(readFileSync(`${CORPUS}${file}`, 'utf8').replace(/^---\n/, '')) as Any;
}

function defaulted(o: unknown): Any {
  return applyDefaults(o, { uid: UID }) as Any;
}

describe('Job defaults (§4.1, §4.2) on the docs pi Job', () => {
  const pi = defaulted(corpus('job.yaml'));

  it('fills the spec defaults, keeping the backoffLimit the manifest sets', () => {
    expect(pi.spec).toMatchObject({
      backoffLimit: 4,
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
    });
  });

  it('generates the selector and the template labels from uid and name', () => {
    expect(pi.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
    const labels = {
      'batch.kubernetes.io/controller-uid': UID,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': UID,
      'job-name': 'pi',
    };
    expect(pi.spec.template.metadata.labels).toEqual(labels);
    // a Job without labels reads back with its template's labels
    expect(pi.metadata.labels).toEqual(labels);
  });

  it('applies pod template defaults (§1.1)', () => {
    expect(pi.spec.template.spec).toMatchObject({
      restartPolicy: 'Never',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
    });
    expect(pi.spec.template.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
  });

  it('sets namespace, uid and generation', () => {
    expect(pi.metadata).toMatchObject({ name: 'pi', namespace: 'default', uid: UID, generation: 1 });
  });
});

describe('Job defaults (§4.1) in other shapes', () => {
  it('defaults backoffLimit to 6, or to 2147483647 with backoffLimitPerIndex', () => {
    expect(defaulted(job()).spec.backoffLimit).toBe(6);
    expect(defaulted(job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 })).spec.backoffLimit).toBe(2147483647);
  });

  it('leaves completions unset when only parallelism is given', () => {
    const spec = defaulted(job({ parallelism: 4 })).spec;
    expect(spec.parallelism).toBe(4);
    expect(spec.completions).toBeUndefined();
    expect(defaulted(job({ completions: 5 })).spec.parallelism).toBe(1);
  });

  it('uses podReplacementPolicy Failed with a podFailurePolicy and defaults condition status to True', () => {
    const spec = defaulted(job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } })).spec;
    expect(spec.podReplacementPolicy).toBe('Failed');
    expect(spec.podFailurePolicy.rules[0].onPodConditions[0].status).toBe('True');
  });

  it('keeps a manual selector and adds no labels', () => {
    const spec = defaulted(job({ manualSelector: true, selector: { matchLabels: { app: 'x' } } })).spec;
    expect(spec.selector).toEqual({ matchLabels: { app: 'x' } });
    expect(spec.template.metadata).toBeUndefined();
  });
});

describe('Deployment defaults (§3.1) on nginx-deployment', () => {
  const d = defaulted(corpus('nginx-deployment.yaml'));

  it('fills strategy, history and deadline', () => {
    expect(d.spec).toMatchObject({
      replicas: 3,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    // minReadySeconds is 0, which the API leaves out
    expect(d.spec.minReadySeconds).toBeUndefined();
  });

  it('defaults the template containers (§1.1)', () => {
    expect(d.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(d.spec.template.spec.restartPolicy).toBe('Always');
    // templates get no enableServiceLinks (SetDefaults_Pod is for Pods only)
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  it('defaults replicas to 1 and gives Recreate no rollingUpdate', () => {
    expect(defaulted(deployment()).spec.replicas).toBe(1);
    expect(defaulted(deployment({ strategy: { type: 'Recreate' } })).spec.strategy).toEqual({ type: 'Recreate' });
    expect(defaulted(deployment({ strategy: { rollingUpdate: { maxSurge: 1 } } })).spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: '25%' });
  });
});

describe('ReplicaSet defaults', () => {
  it('defaults replicas to 1', () => {
    expect(defaulted(replicaSet()).spec.replicas).toBe(1);
  });
});

describe('Pod defaults (§1.1)', () => {
  const p = defaulted(corpus('simple-pod.yaml'));

  it('fills the spec defaults', () => {
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
      securityContext: {},
    });
    expect(p.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: {},
    });
  });

  it('starts Pending with a QoS class', () => {
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(p.metadata).toMatchObject({ namespace: 'default', generation: 1, uid: UID });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io/busybox:1.27.2', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, policy) => {
    expect(defaulted(podWith({ image })).spec.containers[0].imagePullPolicy).toBe(policy);
  });

  it('keeps an explicit imagePullPolicy', () => {
    expect(defaulted(podWith({ image: 'nginx', imagePullPolicy: 'Never' })).spec.containers[0].imagePullPolicy).toBe('Never');
  });

  it('defaults probe settings (1/10/1/3) on the docs exec-liveness Pod', () => {
    const probe = defaulted(corpus('exec-liveness.yaml')).spec.containers[0].livenessProbe;
    expect(probe).toMatchObject({ initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    const http = defaulted(podWith({ readinessProbe: { httpGet: { port: 80 } } })).spec.containers[0].readinessProbe;
    expect(http).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it('copies limits to missing requests and stores quantities canonically', () => {
    const c = defaulted(podWith({ resources: { limits: { cpu: 0.5, memory: '1024Mi' } } })).spec.containers[0];
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(defaulted(podWith({ resources: { limits: { cpu: '1', memory: '1Gi' } } })).status.qosClass).toBe('Guaranteed');
    expect(defaulted(podWith({ resources: { requests: { cpu: '100m' } } })).status.qosClass).toBe('Burstable');
  });

  it('gives volumes their default modes and a source-less volume an emptyDir', () => {
    const spec = defaulted(pod({ volumes: [{ name: 'a' }, { name: 'b', secret: { secretName: 's' } }, { name: 'c', configMap: { name: 'c' } }] })).spec;
    expect(spec.volumes).toEqual([
      { name: 'a', emptyDir: {} },
      { name: 'b', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'c', configMap: { name: 'c', defaultMode: 420 } },
    ]);
  });

  it('names an object from generateName', () => {
    const p2 = applyDefaults(pod({}, { generateName: 'web-' }), { nameSuffix: 'x2k9p' }) as Any;
    expect(p2.metadata.name).toBe('web-x2k9p');
  });

  it('returns a new object', () => {
    const input = pod();
    applyDefaults(input);
    expect(input).toEqual(pod());
  });
});

describe('CronJob defaults (§5.1)', () => {
  it('fills policy, suspend and history limits, not the Job defaults', () => {
    const cj = defaulted(cronJob());
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.startingDeadlineSeconds).toBeUndefined();
    expect(cj.spec.timeZone).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent' });
  });
});

describe('other kinds', () => {
  it('are copied unchanged', () => {
    // (Services are defaulted since the api-fixes work: tests/unit/api-fixes/service-defaults.test.ts)
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's' }, spec: { containers: [container()] } };
    expect(applyDefaults(cm)).toEqual(cm);
  });
});

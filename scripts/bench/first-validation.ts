export {};
// Run in a fresh process: module load, then the first validation of a Deployment and of a TFJob.
const t0 = performance.now();
const { validateManifests } = await import('../../src/engine/validate/validate-manifests.ts');
const loaded = performance.now();
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
`;
const r = validateManifests(deployment);
const firstDone = performance.now();
if (r.problems.length) throw new Error(JSON.stringify(r.problems));
const tfjob = `apiVersion: kubeflow.org/v1
kind: TFJob
metadata: {name: mnist}
spec:
  tfReplicaSpecs:
    Worker:
      replicas: 2
      template:
        spec:
          containers: [{name: tensorflow, image: kubeflow/tf-mnist-with-summaries:latest}]
`;
const t2 = performance.now();
validateManifests(tfjob);
const tfDone = performance.now();
console.log(JSON.stringify([
  { name: 'engine modules load (validate)', value: loaded - t0, unit: 'ms' },
  { name: 'first validation after load (Deployment)', value: firstDone - loaded, unit: 'ms', budget: 50 },
  { name: 'first validation of a TFJob', value: tfDone - t2, unit: 'ms', budget: 50 },
]));

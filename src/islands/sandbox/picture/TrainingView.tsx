// Training view: each TFJob / PyTorchJob with its conditions, its replica types laid out side by side with
// their pods, and the wiring the operator gave the chosen pod: TF_CONFIG pretty-printed with the cluster spec's
// addresses resolved to Services and pods (kubeflow-training §3), or the PyTorch env vars (§5.2).
import type { PictureSnapshot, PodView, ReplicaView, TrainingJobView } from '../../../engine/picture/types.ts';
import { clockTime } from './format.ts';
import { StateIcon } from './StateIcon.tsx';

/** What each variable the PyTorchJob controller sets means (kubeflow-training §5.2). */
const PYTORCH_ENV: Record<string, string> = {
  PYTHONUNBUFFERED: 'Python writes output at once, so logs are not held back',
  MASTER_ADDR: 'host of rank 0: the master\'s headless Service',
  PET_MASTER_ADDR: 'the same, for torchrun',
  MASTER_PORT: 'the master\'s pytorchjob-port',
  PET_MASTER_PORT: 'the same, for torchrun',
  WORLD_SIZE: '(Master + Worker replicas) × nprocPerNode',
  RANK: 'this pod\'s node rank: master 0, worker i → i + 1',
  PET_NODE_RANK: 'the same, for torchrun',
  PET_NPROC_PER_NODE: 'processes per node (torchrun --nproc-per-node)',
  PET_NNODES: 'number of nodes; min:max with elasticPolicy',
  PET_RDZV_ENDPOINT: 'rendezvous host:port (elastic)',
  PET_RDZV_BACKEND: 'rendezvous backend (elastic)',
  PET_MAX_RESTARTS: 'restarts torchrun allows (elastic)',
  PET_RDZV_ID: 'rendezvous id (elastic)',
  PET_RDZV_CONF: 'rendezvous options (elastic)',
  PET_STANDALONE: 'standalone rendezvous (elastic)',
};

interface TaskAddress {
  type: string;
  index: number;
  address: string;
  service: string;
  namespace: string | null;
}

/** The cluster spec's tasks: the dense lists, or the sparse {"index": address} maps (§3.2, §3.3). */
function clusterTasks(cluster: unknown): TaskAddress[] {
  const out: TaskAddress[] = [];
  if (!cluster || typeof cluster !== 'object') return out;
  for (const [type, entries] of Object.entries(cluster as Record<string, unknown>)) {
    const pairs: [number, unknown][] = Array.isArray(entries)
      ? entries.map((a, i) => [i, a])
      : entries && typeof entries === 'object'
        ? Object.entries(entries as Record<string, unknown>).map(([i, a]) => [Number(i), a])
        : [];
    for (const [index, address] of pairs) {
      if (typeof address !== 'string') continue;
      const host = address.split(':')[0] ?? '';
      const [service = '', namespace = null] = host.split('.');
      out.push({ type, index, address, service, namespace });
    }
  }
  return out;
}

function PodState(props: { pod: PodView | undefined; missing?: string }) {
  if (!props.pod) return <span class="pic-muted">{props.missing ?? 'no pod'}</span>;
  return <span class="pic-inline-state"><StateIcon state={props.pod.state} size={12} />{props.pod.status}</span>;
}

function TfWiring(props: { job: TrainingJobView; member: ReplicaView; pods: Map<string, PodView> }) {
  const { job, member, pods } = props;
  const totalReplicas = job.roles.reduce((n, r) => n + r.replicas, 0);
  if (member.tfConfig === null) {
    return (
      <p class="pic-note">
        {member.podKey === null
          ? 'This replica has no pod right now, so there is no TF_CONFIG to show.'
          : totalReplicas === 1
            ? 'No TF_CONFIG: the operator sets it only for distributed jobs (more than one replica in total).'
            : `The ${member.container} container has no TF_CONFIG.`}
      </p>
    );
  }
  let parsed: { cluster?: unknown; task?: { type?: string; index?: number }; environment?: string } | null = null;
  try {
    parsed = JSON.parse(member.tfConfig);
  } catch {
    parsed = null;
  }
  if (!parsed) return <pre class="pic-json"><code>{member.tfConfig}</code></pre>;
  const tasks = clusterTasks(parsed.cluster);
  const members = new Map(job.roles.flatMap((r) => r.members.map((m) => [m.podName, m] as const)));
  return (
    <div class="pic-tfconfig">
      <pre class="pic-json" tabIndex={0} aria-label={`TF_CONFIG of ${member.podName}, formatted`}><code>{JSON.stringify(parsed, null, 2)}</code></pre>
      <div class="pic-table-wrap" tabIndex={0} role="region" aria-label="Cluster spec">
        <table class="pic-table">
          <caption>Cluster spec: where every task listens. TensorFlow on this pod connects to these addresses.</caption>
          <thead>
            <tr><th scope="col">Task</th><th scope="col">Address</th><th scope="col">Service</th><th scope="col">Pod</th></tr>
          </thead>
          <tbody>
            {tasks.map((t) => {
              const self = parsed!.task?.type === t.type && parsed!.task?.index === t.index;
              const m = members.get(t.service);
              const pod = pods.get(`Pod/${t.namespace ?? job.namespace}/${t.service}`);
              return (
                <tr key={`${t.type}-${t.index}`} class={self ? 'pic-row-self' : undefined}>
                  <td><code>{t.type}[{t.index}]</code>{self && <span class="pic-self"> this pod</span>}</td>
                  <td><code>{t.address}</code></td>
                  <td>{m?.service.exists ? <code>{t.service}</code> : <span class="pic-muted">{t.service} (missing)</span>}</td>
                  <td><PodState pod={pod} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="pic-note">
        task <code>{parsed.task?.type}</code> index <code>{String(parsed.task?.index)}</code>
        {parsed.environment ? <> · environment <code>{parsed.environment}</code></> : null}. Addresses are the replicas' headless Services:
        <code> &lt;job&gt;-&lt;type&gt;-&lt;index&gt;.&lt;namespace&gt;.svc:&lt;port&gt;</code>.
      </p>
    </div>
  );
}

function EnvTable(props: { member: ReplicaView; job: TrainingJobView; pods: Map<string, PodView>; skip?: string }) {
  const env = props.member.env.filter((e) => e.name !== props.skip);
  if (env.length === 0) return props.skip ? null : <p class="pic-note">The {props.member.container} container has no environment variables.</p>;
  const members = new Map(props.job.roles.flatMap((r) => r.members.map((m) => [m.podName, m] as const)));
  return (
    <div class="pic-table-wrap" tabIndex={0} role="region" aria-label={`Environment of ${props.member.podName}`}>
      <table class="pic-table">
        <caption>Environment of the <code>{props.member.container}</code> container</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Meaning</th></tr></thead>
        <tbody>
          {env.map((e, i) => {
            const target = e.name.endsWith('MASTER_ADDR') ? members.get(e.value) : undefined;
            const pod = target ? props.pods.get(`Pod/${props.job.namespace}/${e.value}`) : undefined;
            return (
              <tr key={`${e.name}-${i}`}>
                <th scope="row"><code>{e.name}</code></th>
                <td><code>{e.value}</code></td>
                <td>
                  {PYTORCH_ENV[e.name] ?? (props.job.kind === 'PyTorchJob' ? 'set in the pod template' : '')}
                  {target && (
                    <span class="pic-resolve">
                      {' → Service '}{target.service.exists ? <code>{target.service.name}</code> : <span class="pic-muted">{target.service.name} (missing)</span>}
                      {' → '}<PodState pod={pod} />
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function chosenMember(job: TrainingJobView, selected: string | null): { member: ReplicaView | null; bySelection: boolean } {
  const all = job.roles.flatMap((r) => r.members);
  const hit = all.find((m) => selected !== null && (m.podKey === selected || m.service.key === selected));
  if (hit) return { member: hit, bySelection: true };
  return { member: all.find((m) => m.master && m.podKey) ?? all.find((m) => m.podKey) ?? all[0] ?? null, bySelection: false };
}

function JobCard(props: { job: TrainingJobView; pods: Map<string, PodView>; selected: string | null; onSelect(key: string): void }) {
  const { job, pods, selected, onSelect } = props;
  const { member, bySelection } = chosenMember(job, selected);
  const headId = `pic-job-${job.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return (
    <section class="pic-job" aria-labelledby={headId}>
      <div class="pic-job-head">
        <button type="button" id={headId} class="pic-job-name" aria-pressed={selected === job.key} onClick={() => onSelect(job.key)}>
          <span class="pic-kind pic-kind--obj">{job.kind}</span> {job.name}
        </button>
        <span class="pic-badge pic-badge--muted">STATE {job.state || '(none yet)'}</span>
        {job.kind === 'TFJob' && <span class="pic-small">successPolicy {job.successPolicy ? job.successPolicy : '"" (chief, or worker 0)'}</span>}
        <span class="pic-small">cleanPodPolicy {job.cleanPodPolicy}</span>
      </div>
      {job.conditions.length > 0 && (
        <ol class="pic-conds" aria-label="Conditions, oldest first">
          {job.conditions.map((c, i) => (
            <li key={`${c.type}-${i}`} class={`pic-cond${c.status === 'True' ? '' : ' pic-cond--false'}${i === job.conditions.length - 1 ? ' pic-cond--last' : ''}`} title={`${c.reason}: ${c.message}`}>
              {c.type}{c.status !== 'True' && `=${c.status}`}
              {c.time !== null && <time class="pic-small" dateTime={new Date(c.time).toISOString()}> {clockTime(c.time)}</time>}
            </li>
          ))}
        </ol>
      )}
      <div class="pic-roles">
        {job.roles.map((role) => (
          <div key={role.key} class="pic-role">
            <div class="pic-role-head">
              <span class="pic-role-type">{role.type}</span>
              <span class="pic-small">×{role.replicas} · restartPolicy {role.restartPolicy}{role.port !== null && ` · port ${role.port}`}</span>
            </div>
            <ul class="pic-members" aria-label={`${role.type} replicas`}>
              {role.members.map((m) => (
                <li key={m.podName}>
                  {m.podKey ? (
                    <button type="button" class="pic-member" aria-pressed={member === m && bySelection} onClick={() => onSelect(m.podKey!)}>
                      {m.state && <StateIcon state={m.state} size={13} />}
                      <span class="pic-member-name">{m.podName}</span>
                      <span class="pic-small">{m.status}{m.node && ` · ${m.node}`}{m.master && ' · job-role master'}</span>
                    </button>
                  ) : (
                    <span class="pic-member pic-member--missing">
                      <span class="pic-member-name">{m.podName}</span>
                      <span class="pic-small">no pod{m.service.exists ? ' · Service kept' : ''}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {member && (
        <div class="pic-wiring">
          <p class="pic-wiring-title">
            {job.kind === 'TFJob' ? 'TF_CONFIG' : 'Environment'} of <code>{member.podName}</code>
            {!bySelection && <span class="pic-small"> — select another replica to compare</span>}
          </p>
          {job.kind === 'TFJob' ? (
            <>
              <TfWiring job={job} member={member} pods={pods} />
              <EnvTable job={job} member={member} pods={pods} skip="TF_CONFIG" />
            </>
          ) : (
            <EnvTable job={job} member={member} pods={pods} />
          )}
        </div>
      )}
    </section>
  );
}

export function TrainingView(props: { snapshot: PictureSnapshot; pods: Map<string, PodView>; selected: string | null; onSelect(key: string): void }) {
  const { snapshot } = props;
  if (snapshot.training.length === 0) {
    return <p class="pic-empty">No TFJob or PyTorchJob yet. Apply one to see its roles, pods and the TF_CONFIG or environment each pod gets.</p>;
  }
  return (
    <div class="pic-training">
      {snapshot.training.map((j) => <JobCard key={j.key} job={j} pods={props.pods} selected={props.selected} onSelect={props.onSelect} />)}
    </div>
  );
}

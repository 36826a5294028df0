// The selected object: its YAML as `kubectl get -o yaml` prints it, and the faults a learner can inject on it
// (a pod: delete, crash its container with an exit code; a node: fail, restore). Actions run as terminal
// commands, so the learner sees (and learns) the command behind each button.
import { useState } from 'preact/hooks';

interface Props {
  selected: string;
  yaml: string | null;
  /** Whether the object still exists (null while loading). */
  found: boolean | null;
  nodeReady: boolean | null;
  onRun(line: string): void;
  onClose(): void;
}

export function Inspector({ selected, yaml, found, nodeReady, onRun, onClose }: Props) {
  const [kind, namespace, name] = selected.split('#')[0]!.split('/') as [string, string, string];
  const [exitCode, setExitCode] = useState('1');
  const ns = namespace && namespace !== 'default' ? ` -n ${namespace}` : '';
  const code = Number(exitCode);
  const codeValid = /^\d+$/.test(exitCode) && code >= 0 && code <= 255;
  return (
    <section class="sb-inspector" aria-label={`Selected: ${kind} ${name}`}>
      <header class="sb-inspector-head">
        <h4>{kind.toLowerCase()}/{name}</h4>
        <button type="button" class="sb-btn sb-quiet" onClick={onClose} aria-label="Close the selection">✕</button>
      </header>
      {found !== false && (
        <div class="sb-actions" role="group" aria-label="Actions">
          {kind === 'Pod' && (
            <>
              <button type="button" class="sb-btn" onClick={() => onRun(`kubectl delete pod ${name}${ns}`)}>Delete pod</button>
              <span class="sb-crash">
                <button type="button" class="sb-btn" disabled={!codeValid} onClick={() => onRun(`lab crash ${name}${ns} --exit-code ${code}`)}>Crash container</button>
                <label>
                  exit code
                  <input type="number" inputMode="numeric" min={0} max={255} value={exitCode} aria-invalid={!codeValid}
                    onInput={(e) => setExitCode((e.currentTarget as HTMLInputElement).value)} />
                </label>
              </span>
              <button type="button" class="sb-btn sb-quiet" onClick={() => onRun(`kubectl describe pod ${name}${ns}`)}>Describe</button>
            </>
          )}
          {kind === 'Node' && (
            <>
              <button type="button" class="sb-btn" disabled={nodeReady === false} onClick={() => onRun(`lab fail-node ${name}`)}>Fail node</button>
              <button type="button" class="sb-btn" onClick={() => onRun(`lab restore-node ${name}`)}>Restore node</button>
              <button type="button" class="sb-btn sb-quiet" onClick={() => onRun(`kubectl describe node ${name}`)}>Describe</button>
            </>
          )}
          {kind !== 'Pod' && kind !== 'Node' && (
            <button type="button" class="sb-btn sb-quiet" onClick={() => onRun(`kubectl describe ${kind.toLowerCase()} ${name}${ns}`)}>Describe</button>
          )}
        </div>
      )}
      {found === false ? (
        <p class="sb-muted">{kind} {name} no longer exists.</p>
      ) : (
        <pre class="sb-yaml" tabIndex={0} aria-label={`YAML of ${kind} ${name}`}>{yaml ?? 'Loading…'}</pre>
      )}
    </section>
  );
}

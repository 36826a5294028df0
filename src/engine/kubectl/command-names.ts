// kubectl 1.35's top-level commands in the order cobra holds them (kubectl pkg/cmd/cmd.go: the command
// groups, then alpha, config, plugin, version, api-versions, api-resources, options), with cobra's
// "Did you mean this?" suggestions (Levenshtein distance ≤ 2 ignoring case, or a prefix, or an explicit
// SuggestFor), as `kubectl gett pods` prints them (recorded with kubectl 1.35.2, tests/golden/kubectl-write).

/** Every command cobra offers as a suggestion, in registration order. `alpha` has no subcommands in 1.35 builds and is not offered. */
export const KUBECTL_COMMANDS: readonly string[] = [
  'create', 'expose', 'run', 'set',
  'explain', 'get', 'edit', 'delete',
  'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint',
  'describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events',
  'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize',
  'label', 'annotate', 'completion',
  'config', 'plugin', 'version', 'api-versions', 'api-resources', 'options',
];

/** SuggestFor of individual commands (delete.go, get.go, wait.go). */
const SUGGEST_FOR: Record<string, readonly string[]> = { delete: ['rm'], get: ['list', 'ps'], wait: ['list', 'ps'] };

/** Levenshtein distance, case-insensitive (cobra's ld with ignoreCase). */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0]![j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      if (s[i - 1] === t[j - 1]) d[i]![j] = d[i - 1]![j - 1]!;
      else d[i]![j] = Math.min(d[i - 1]![j]!, d[i]![j - 1]!, d[i - 1]![j - 1]!) + 1;
    }
  }
  return d[s.length]![t.length]!;
}

/** cobra's SuggestionsFor on the kubectl root command. */
export function suggestionsFor(typed: string): string[] {
  const out: string[] = [];
  for (const name of KUBECTL_COMMANDS) {
    if (distance(typed, name) <= 2 || name.toLowerCase().startsWith(typed.toLowerCase())) out.push(name);
    for (const s of SUGGEST_FOR[name] ?? []) if (s.toLowerCase() === typed.toLowerCase()) out.push(name);
  }
  return out;
}

/** `error: unknown command "x" for "kubectl"` and the suggestions (checkErr adds the `error: `). */
export function unknownCommandText(typed: string): string {
  const suggestions = suggestionsFor(typed);
  let text = `error: unknown command "${typed}" for "kubectl"\n`;
  if (suggestions.length) text += `\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`;
  return text;
}

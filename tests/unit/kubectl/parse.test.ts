// The command-line parser: shell-like splitting, pflag-style flags and kubectl's flag error texts.
import { describe, expect, it } from 'vitest';
import { parseArgs, parseCommandLine } from '../../../src/engine/kubectl/parse.ts';
import { splitArgs } from '../../../src/engine/kubectl/split-args.ts';

function options(line: string) {
  const p = parseCommandLine(line);
  if (!p.ok) throw new Error(p.stderr);
  return p;
}

describe('splitArgs', () => {
  it('splits on whitespace and honours quotes and escapes', () => {
    expect(splitArgs(`get pods -l 'app in (a, b)' -o "json"`)).toEqual({ ok: true, words: ['get', 'pods', '-l', 'app in (a, b)', '-o', 'json'] });
    expect(splitArgs(`a\\ b "x\\"y" ''`)).toEqual({ ok: true, words: ['a b', 'x"y', ''] });
    expect(splitArgs(`get 'pods`).ok).toBe(false);
  });
});

describe('parseArgs', () => {
  it('reads the subcommand and the resource arguments', () => {
    const p = options('kubectl get pods,jobs web');
    expect(p.command).toBe('get');
    expect(p.options.args).toEqual(['pods,jobs', 'web']);
    expect(p.options.namespace).toBe('default');
  });

  it.each([
    ['get pods -n kube-system', 'kube-system'],
    ['get pods -nkube-system', 'kube-system'],
    ['get pods -n=kube-system', 'kube-system'],
    ['get pods --namespace kube-system', 'kube-system'],
    ['get pods --namespace=kube-system', 'kube-system'],
    ['-n kube-system get pods', 'kube-system'],
  ])('namespace: %s', (line, ns) => {
    expect(options(line).options.namespace).toBe(ns);
    expect(options(line).command).toBe('get');
  });

  it('reads -A, -l, -o, --show-labels, -w and grouped booleans', () => {
    const p = options('get pods -A -l app=web -o wide --show-labels').options;
    expect(p).toMatchObject({ allNamespaces: true, selector: 'app=web', output: 'wide', showLabels: true, watch: false });
    expect(options('get pods --all-namespaces').options.allNamespaces).toBe(true);
    expect(options('get pods --all-namespaces=false').options.allNamespaces).toBe(false);
    expect(options('get pods -Aw').options).toMatchObject({ allNamespaces: true, watch: true });
    expect(options('get pods -oyaml').options.output).toBe('yaml');
    expect(options('get pods --output=json').options.output).toBe('json');
    expect(options('get pods --selector=tier!=db').options.selector).toBe('tier!=db');
  });

  it('rejects unknown flags with kubectl\'s text and usage line', () => {
    expect(parseArgs(['get', 'pods', '--foo'])).toEqual({ ok: false, exitCode: 1, stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    expect(parseArgs(['get', 'pods', '--foo=bar'])).toMatchObject({ ok: false, stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    expect(parseArgs(['get', 'pods', '-z'])).toMatchObject({ ok: false, stderr: "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n" });
    expect(parseArgs(['get', 'pods', '-n'])).toMatchObject({ ok: false, stderr: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n" });
    expect(parseArgs(['get', 'pods', '--namespace'])).toMatchObject({ ok: false, stderr: "error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage.\n" });
  });

  it('rejects an unknown output format', () => {
    const p = parseArgs(['get', 'pods', '-o', 'xml']);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.stderr).toMatch(/^error: unable to match a printer suitable for the output format "xml", allowed formats are: .*json.*yaml\n$/);
  });
});

// Reading kubectl-oracle recordings (`recorded/NN-slug/{command,stdout,stderr,exit-code}.txt`, summary.json):
// the command's words after `kubectl <verb>`, what kubectl 1.35.2 printed, and the runner's elapsed time up to
// the end of that command (ages printed by kubectl are the store's ages plus that time).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitArgs } from '../../../../src/engine/kubectl/split-args.ts';
import { GOLDEN } from './oracle-sim.ts';

export interface Recording {
  dir: string;
  command: string;
  /** `kubectl` and the verb removed. */
  verb: string;
  args: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Runner time from the store's load to the end of this command (summary.json). */
  elapsedMs: number;
}

export function recordings(topic: string): Recording[] {
  const base = join(GOLDEN, topic, 'recorded');
  const summary = JSON.parse(readFileSync(join(base, 'summary.json'), 'utf8')) as { commands: { dir: string; ms: number }[] };
  return readdirSync(base)
    .filter((d) => /^\d+-/.test(d))
    .sort()
    .map((dir) => {
      const read = (f: string) => readFileSync(join(base, dir, f), 'utf8');
      const command = read('command.txt').trim();
      const split = splitArgs(command);
      if (!split.ok) throw new Error(`${dir}: ${split.error}`);
      const [, verb = '', ...args] = split.words;
      const upTo = summary.commands.findIndex((c) => c.dir === dir);
      const elapsedMs = summary.commands.slice(0, upTo + 1).reduce((s, c) => s + c.ms, 0);
      return { dir, command, verb, args, stdout: read('stdout.txt'), stderr: read('stderr.txt'), exitCode: Number(read('exit-code.txt').trim()), elapsedMs };
    });
}

export function recording(topic: string, prefix: string): Recording {
  const r = recordings(topic).find((x) => x.dir.startsWith(`${prefix}-`));
  if (!r) throw new Error(`no recording ${prefix} in ${topic}`);
  return r;
}

export const printed = (r: { stdout: string; stderr: string; exitCode: number }) => ({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });

// `workload-lab validate [--json] FILE...` (../shared/notes/cli.md): exit 0 all valid, 1 invalid, 2 usage or unreadable.
import { readFileSync, statSync } from 'node:fs';
import { validateManifests, type ManifestProblem } from '../engine/validate/validate-manifests.ts';
import type { CliIO } from './main.ts';

/** Larger files are refused before reading: far beyond any manifest (the API server takes 3 MiB a request). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

interface JsonProblem {
  file: string;
  document: number;
  kind: string | null;
  name: string | null;
  field: string | null;
  type: string;
  message: string;
  line: number;
  column: number;
}

function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) throw new Error(`file is ${size} bytes; workload-lab reads at most ${MAX_FILE_BYTES}`);
  return readFileSync(file, 'utf8');
}

export function runValidate(args: string[], io: CliIO): number {
  let json = false;
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') {
      io.stdout.write('Usage: workload-lab validate [--json] FILE...\n');
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr.write(`error: unknown flag: ${arg}\nUsage: workload-lab validate [--json] FILE...\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    io.stderr.write('error: must specify at least one FILE\nUsage: workload-lab validate [--json] FILE...\n');
    return 2;
  }

  const problems: JsonProblem[] = [];
  let unreadable = false;
  let documents = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readInput(file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const reason = e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EISDIR' ? 'is a directory' : e.message;
      io.stderr.write(`error: the path "${file}" cannot be read: ${reason}\n`);
      unreadable = true;
      continue;
    }
    const check = validateManifests(text);
    documents += check.documents.length;
    problems.push(...check.problems.map((p: ManifestProblem) => ({ file, ...p })));
  }

  if (json) io.stdout.write(JSON.stringify(problems, null, 2) + '\n');
  else for (const p of problems) io.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  if (!json) {
    const docs = `${documents} ${documents === 1 ? 'document' : 'documents'}`;
    io.stderr.write(problems.length === 0 ? `${docs} checked: all valid\n` : `${docs} checked: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}\n`);
  }
  if (unreadable) return 2;
  return problems.length > 0 ? 1 : 0;
}

// What `validate` and `simulate` share: reading an input file (or stdin) and printing manifest problems as
// `FILE:LINE:COLUMN: MESSAGE` lines or as the `--json` array of ../shared/notes/cli.md.
import { readFileSync, statSync } from 'node:fs';
import type { ManifestProblem } from '../engine/validate/validate-manifests.ts';
import type { CliIO } from './main.ts';

/** Larger files are refused before reading: far beyond any manifest (the API server takes 3 MiB a request). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A problem in one file: the `--json` object `{file, document, kind, name, field, type, message, line, column}`. */
export interface FileProblem extends ManifestProblem {
  file: string;
}

/** Reads FILE (`-` is stdin). Throws the fs error for an unreadable file. */
export function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) throw new Error(`file is ${size} bytes; workload-lab reads at most ${MAX_FILE_BYTES}`);
  return readFileSync(file, 'utf8');
}

/** `error: the path "F" cannot be read: <reason>` for a readInput failure. */
export function unreadableMessage(file: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reason = e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EISDIR' ? 'is a directory' : e.message;
  return `error: the path "${file}" cannot be read: ${reason}\n`;
}

/** Problems on stdout: the JSON array, or one `FILE:LINE:COLUMN: MESSAGE` line each. */
export function printProblems(problems: FileProblem[], json: boolean, io: CliIO): void {
  if (json) io.stdout.write(JSON.stringify(problems, null, 2) + '\n');
  else for (const p of problems) io.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
}

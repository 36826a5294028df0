// `workload-lab validate [--json] FILE...` (../shared/notes/cli.md): exit 0 all valid, 1 invalid, 2 usage or unreadable.
import { validateManifests, type ManifestProblem } from '../engine/validate/validate-manifests.ts';
import type { CliIO } from './main.ts';
import { printProblems, readInput, unreadableMessage, type FileProblem } from './print-problems.ts';

export { MAX_FILE_BYTES } from './print-problems.ts';

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

  const problems: FileProblem[] = [];
  let unreadable = false;
  let documents = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readInput(file);
    } catch (err) {
      io.stderr.write(unreadableMessage(file, err));
      unreadable = true;
      continue;
    }
    const check = validateManifests(text);
    documents += check.documents.length;
    problems.push(...check.problems.map((p: ManifestProblem) => ({ file, ...p })));
  }

  printProblems(problems, json, io);
  if (!json) {
    const docs = `${documents} ${documents === 1 ? 'document' : 'documents'}`;
    io.stderr.write(problems.length === 0 ? `${docs} checked: all valid\n` : `${docs} checked: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}\n`);
  }
  if (unreadable) return 2;
  return problems.length > 0 ? 1 : 0;
}

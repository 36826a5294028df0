// `workload-lab validate|simulate`: the engine's public contract (../shared/notes/cli.md).
import { runValidate } from './validate-command.ts';

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const USAGE = `Usage:
  workload-lab validate [--json] FILE...
  workload-lab simulate [--json] [--watch] [--until DURATION|done] [--start RFC3339]
                        [--seed N] [--at "DURATION COMMAND"]... FILE...

Commands:
  validate   check manifests as a Kubernetes 1.35 API server (with the Kubeflow Training Operator v1.9) would
  simulate   run manifests on a simulated cluster on a virtual clock and report what happened

Exit codes: 0 success (validate: all valid; simulate: the simulation ran), 1 invalid input,
2 usage error or unreadable file.
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest, io);
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return 0;
    case 'simulate':
      return (await import('./simulate-command.ts')).runSimulate(rest, io);
    case undefined:
      io.stderr.write(USAGE);
      return 2;
    default:
      io.stderr.write(`error: unknown command "${command}" for "workload-lab"\n\n${USAGE}`);
      return 2;
  }
}

// What kubectl's generators (`create deployment|job|cronjob`, `run`) share once they have built their typed
// object: `--save-config`, `--dry-run=client|server`, the create itself, and the printing (`deployment.apps/web
// created`, `… created (dry run)`, `-o name`, `-o yaml`, `-o json` in the Go struct's field order for the
// object built on the client). Texts checked against kubectl 1.35.2 (recordings 47–53, tests/golden/kubectl-write).
import { admitCreate } from '../../api/admission.ts';
import type { ApiError } from '../../api/api-error.ts';
import type { KindEntry } from '../../schema/index.ts';
import { withApplyAnnotation } from '../apply/last-applied.ts';
import type { JsonMap } from '../apply/json-values.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { plainError, statusError, type KubeError } from '../errors.ts';
import { DRY_RUN, OUTPUT, TOLERATED, dryRunStrategy, type FlagDef, type Flags } from '../flags.ts';
import { printJSON, printTypedJSON } from '../printers/json.ts';
import { printYAML } from '../printers/yaml.ts';
import { failWith, operationLine, outputMode } from './output.ts';

/** Flags every generator has (PrintFlags, dry-run, --save-config, validation, field manager). */
export const GENERATOR_FLAGS: FlagDef[] = [...TOLERATED, DRY_RUN, OUTPUT, { name: 'save-config', kind: 'bool' }];

export interface Generated {
  entry: KindEntry;
  name: string;
  object: JsonMap;
  /**
   * How a create error is worded: the create generators wrap it (`failed to create deployment: …`, a plain
   * error), `run` returns the API error itself (`Error from server (AlreadyExists): …`).
   */
  failurePrefix?: string;
}

/** Creates (or dry-runs) the generated object and prints it. */
export function runGenerator(ctx: KubectlContext, flags: Flags, g: Generated): KubectlResult {
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if ('type' in dry) return failWith(dry);
  const warnings = dry.warning ?? '';
  const mode = outputMode(flags.string('output'));
  if (typeof mode !== 'string') return failWith(mode, '', warnings);
  let object = g.object;
  if (flags.bool('save-config')) object = withApplyAnnotation(object);
  let printed: unknown = object;
  let typed = true;
  if (dry.strategy !== 'client') {
    const namespace = flags.namespace;
    let error: ApiError | undefined;
    if (dry.strategy === 'server') {
      const r = admitCreate(object, { uid: ctx.sim.random.uuid(), nameSuffix: ctx.sim.random.nameSuffix(), namespace });
      if (!r.ok) error = r.error;
      else printed = r.object;
    } else {
      const r = ctx.sim.api.create(object, { namespace });
      if (!r.ok) error = r.error;
      else printed = r.object;
    }
    if (error) {
      const e: KubeError = g.failurePrefix ? plainError(`${g.failurePrefix}: ${error.message}`) : statusError(error);
      return failWith(e, '', warnings);
    }
    typed = false;
  }
  let stdout: string;
  if (mode === 'json') stdout = typed ? printTypedJSON(printed) : printJSON(printed);
  else if (mode === 'yaml') stdout = printYAML(printed);
  else stdout = operationLine(g.entry, g.name, 'created', mode, dry.strategy);
  return { exitCode: 0, stdout, stderr: warnings };
}

/** cobra's ArgsLenAtDash-aware NAME check of the create generators (`exactly one NAME is required, got 2`). */
export function nameFromArgs(flags: Flags, command: string): { name: string; command: string[] } | KubeError {
  const before = flags.argsLenAtDash < 0 ? flags.args.length : flags.argsLenAtDash;
  if (before !== 1) return plainError(`exactly one NAME is required, got ${before}\nSee 'kubectl ${command} -h' for help and examples`);
  return { name: flags.args[0]!, command: flags.args.slice(1) };
}

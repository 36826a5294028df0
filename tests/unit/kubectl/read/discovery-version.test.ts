// `kubectl api-resources` and `kubectl version` against kubectl 1.35.2 (tests/golden/kubectl-oracle 01–03,
// tests/golden/kubectl-read-misc). The simulated server serves the same four groups as the oracle's fake server
// (core/v1, apps/v1, batch/v1, kubeflow.org/v1), and reports itself as a v1.35.2 control plane (version.ts).
import { describe, expect, it } from 'vitest';
import { apiResources } from '../../../../src/engine/kubectl/commands/api-resources.ts';
import { version } from '../../../../src/engine/kubectl/commands/version.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { printed, recording, recordings } from './recordings.ts';

const sim = new Simulation();
const VERBS = { 'api-resources': apiResources, version };

describe('api-resources and version match kubectl 1.35.2', () => {
  for (const rec of [recording('kubectl-oracle', '01'), recording('kubectl-oracle', '02'), recording('kubectl-oracle', '03'), ...recordings('kubectl-read-misc').filter((r) => r.verb in VERBS)]) {
    it(rec.command, () => {
      expect(printed(VERBS[rec.verb as keyof typeof VERBS](sim, rec.args))).toEqual(printed(rec));
    });
  }
});

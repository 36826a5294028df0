// How long `workload-lab simulate` runs (../shared/notes/cli.md): `--until` defaults to 10m; `done` runs until
// nothing is left to happen, capped at 24h. A module of its own so the CLI can check its flags without
// loading the engine.
export const DEFAULT_UNTIL_MS = 10 * 60 * 1000;
export const DONE_CAP_MS = 24 * 3600 * 1000;

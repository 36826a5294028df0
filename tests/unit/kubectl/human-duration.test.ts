// AGE text: apimachinery duration.HumanDuration as kubectl prints it. Oracle rows come from the recorded
// kubectl 1.35 outputs (shared/tools/kubectl-oracle/demo/recorded/08-get-all, 11-get-events: kubectl computes
// AGE itself there) plus the brief's examples (0s…59s, 2m3s, 10m, 3h4m, 2d3h).
import { describe, expect, it } from 'vitest';
import { ageSince, humanDuration } from '../../../src/engine/kubectl/human-duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [-1 * s, '0s'], // up to a second of clock skew reads as now
    [-2 * s, '<invalid>'],
    [999, '0s'],
    [59 * s, '59s'],
    [90 * s, '90s'], // seconds up to two minutes
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 3 * s, '2m3s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 30 * s, '10m'],
    [90 * m, '90m'], // recorded 08-get-all: deployment.apps/web 90m
    [155 * m, '155m'], // recorded 08-get-all: cronjob.batch/backup 155m
    [3 * h, '3h'],
    [3 * h + 4 * m, '3h4m'],
    [3 * h + 29 * m, '3h29m'], // recorded 11-get-events: node-1 event 3h29m
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [731 * d, '2y1d'],
    [8 * 365 * d, '8y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('ageSince reads RFC 3339 and prints <unknown> without a timestamp', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(ageSince('2026-01-01T00:00:00Z', now)).toBe('10m');
    expect(ageSince(undefined, now)).toBe('<unknown>');
  });
});

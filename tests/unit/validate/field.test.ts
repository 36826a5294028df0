import { describe, expect, it } from 'vitest';
import {
  asJSON, duplicate, formatPath, goQuote, invalid, notSupported, required, tooLong, tooMany,
} from '../../../src/engine/validate/field.ts';

// Expected strings from reference §7.1 (apimachinery field/errors.go, 1.35 wording).
describe('field errors', () => {
  it('formats paths with dots, [i] and unquoted [key]', () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe('spec.template.spec.containers[0].image');
    expect(formatPath(['spec', 'template', 'metadata', 'labels', { key: 'batch.kubernetes.io/job-name' }]))
      .toBe('spec.template.metadata.labels[batch.kubernetes.io/job-name]');
  });
  it('prints the reference examples', () => {
    expect(invalid(['spec', 'parallelism'], -1, 'must be greater than or equal to 0').message)
      .toBe('spec.parallelism: Invalid value: -1: must be greater than or equal to 0');
    expect(required(['spec', 'template', 'spec', 'restartPolicy'], 'valid values: "OnFailure", "Never"').message)
      .toBe('spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    expect(notSupported(['spec', 'concurrencyPolicy'], asJSON('Never'), ['Allow', 'Forbid', 'Replace']).message)
      .toBe('spec.concurrencyPolicy: Unsupported value: "Never": supported values: "Allow", "Forbid", "Replace"');
    expect(duplicate(['x'], 'a').detail).toBe('Duplicate value: "a"');
    expect(tooLong(['metadata', 'annotations'], 262144).message)
      .toBe('metadata.annotations: Too long: may not be more than 262144 bytes');
    expect(tooLong(['a'], 1).detail).toBe('Too long: may not be more than 1 byte');
    expect(tooMany(['a'], 3, 1).detail).toBe('Too many: 3: must have at most 1 item');
    expect(invalid(['spec', 'template', 'metadata', 'labels'], { app: 'x' }, '`selector` does not match template `labels`').detail)
      .toBe('Invalid value: {"app":"x"}: `selector` does not match template `labels`');
  });
  it('quotes like Go %q and JSON like encoding/json', () => {
    expect(goQuote('a\tb')).toBe('"a\\tb"');
    expect(goQuote('\x01')).toBe('"\\x01"');
    expect(asJSON({ b: 1, a: '<&>' }).rendered).toBe('{"a":"\\u003c\\u0026\\u003e","b":1}');
  });
});

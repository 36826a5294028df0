// Kubernetes quantities, checked against apimachinery's documented behaviour
// (pkg/api/resource quantity.go and its tests): canonical forms, errors, rounding, comparison.

import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT_WRONG, ERR_SUFFIX, addQuantity, cmpQuantity, milliValue, parseQuantity, parseQuantityValue, quantityString,
  quantityValue, roundUp, type Quantity,
} from '../../../src/engine/validate/rules/quantity.ts';

function q(s: string): Quantity {
  const r = parseQuantity(s);
  if (!r.ok) throw new Error(`${s}: ${r.error}`);
  return r.quantity;
}

describe('parseQuantity / quantityString', () => {
  it.each([
    ['0', '0'],
    ['500m', '500m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1.5', '1500m'],
    ['128Mi', '128Mi'],
    ['100Mi', '100Mi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['1Gi', '1Gi'],
    ['100M', '100M'],
    ['1e3', '1e3'],
    ['12e6', '12e6'],
    ['0.5Ki', '512'],
    ['1500', '1500'],
    ['-1', '-1'],
    ['0.0000000001', '1n'],
  ])('%s prints as %s', (input, canonical) => {
    expect(quantityString(q(input))).toBe(canonical);
  });

  it('rejects text outside the quantity grammar with the upstream message', () => {
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(parseQuantity('abc')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(parseQuantity('1KiB')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(parseQuantity('')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
  });

  it('rejects unknown suffixes', () => {
    expect(ERR_SUFFIX).toBe("unable to parse quantity's suffix");
    expect(parseQuantity('1K')).toEqual({ ok: false, error: ERR_SUFFIX });
  });

  it('reads JSON numbers by their text and trims strings, like UnmarshalJSON', () => {
    const n = parseQuantityValue(3);
    expect(n.ok && quantityString(n.quantity)).toBe('3');
    const s = parseQuantityValue(' 250m ');
    expect(s.ok && quantityString(s.quantity)).toBe('250m');
  });
});

describe('quantity arithmetic', () => {
  it('compares exact values regardless of suffix', () => {
    expect(cmpQuantity(q('1'), q('1000m'))).toBe(0);
    expect(cmpQuantity(q('1Gi'), q('1G'))).toBe(1);
    expect(cmpQuantity(q('500m'), q('0.6'))).toBe(-1);
  });

  it('rounds values up (MilliValue, Value, RoundUp)', () => {
    expect(milliValue(q('1.5'))).toBe(1500n);
    expect(milliValue(q('1n'))).toBe(1n);
    expect(quantityValue(q('1500m'))).toBe(2n);
    expect(quantityString(roundUp(q('0.0001'), -3))).toBe('1m');
    expect(quantityString(roundUp(q('1500u'), -3))).toBe('2m');
  });

  it('adds quantities', () => {
    expect(quantityString(addQuantity(q('250m'), q('1')))).toBe('1250m');
    expect(quantityString(addQuantity(q('512Mi'), q('512Mi')))).toBe('1Gi');
  });
});

// apimachinery ParseQuantity and Go time.Parse, as the decoder uses them. Expected texts follow the
// error variables of pkg/api/resource/quantity.go and the layout walk of Go's time/format.go.
import { describe, expect, it } from 'vitest';
import { goTimeParseError, RFC3339, RFC3339_MICRO } from '../../../src/engine/schema/go-time.ts';
import { QUANTITY_FORMAT_ERROR, QUANTITY_NUMERIC_ERROR, QUANTITY_SUFFIX_ERROR, quantityError } from '../../../src/engine/schema/quantity.ts';

describe('quantityError', () => {
  it('accepts the documented forms', () => {
    for (const q of ['0', '1', '500m', '1.5Gi', '128Mi', '1e3', '1E3', '12E', '-0.5', '+1', '0.1m', '1e-3', '.5', '1.', '00', '.Gi']) {
      expect(quantityError(q), q).toBeNull();
    }
  });

  it('returns ParseQuantity\'s three errors', () => {
    expect(QUANTITY_FORMAT_ERROR).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(quantityError('')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('abc')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1Gb')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1.5.5')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('true')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1ki')).toBe(QUANTITY_SUFFIX_ERROR);
    expect(quantityError('1e')).toBe(QUANTITY_SUFFIX_ERROR);
    expect(quantityError('1-3')).toBe(QUANTITY_SUFFIX_ERROR);
    // No digit at all, and too small for the int64 fast path: inf.Dec cannot parse ".".
    expect(quantityError('.e-20')).toBe(QUANTITY_NUMERIC_ERROR);
  });
});

describe('goTimeParseError', () => {
  const err = (value: string, layout = RFC3339) => goTimeParseError(layout, value);

  it('accepts RFC 3339 times, with or without a fraction', () => {
    for (const t of ['2024-01-01T10:00:00Z', '2024-02-29T23:59:59.999+01:00', '2024-01-01T1:02:03Z', '2024-01-01T10:00:00,5Z']) {
      expect(err(t), t).toBeNull();
    }
    expect(err('2024-01-01T10:00:00.123456Z', RFC3339_MICRO)).toBeNull();
  });

  it('says which element did not parse', () => {
    expect(err('x')).toBe('parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"');
    expect(err('2024-01-01')).toBe('parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"');
    expect(err('2024-1-01T00:00:00Z')).toBe('parsing time "2024-1-01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-01T00:00:00Z" as "01"');
    expect(err('2024-01-01T10:00:00+2:00')).toBe('parsing time "2024-01-01T10:00:00+2:00" as "2006-01-02T15:04:05Z07:00": cannot parse "+2:00" as "Z07:00"');
    expect(err('é')).toBe('parsing time "\\xc3\\xa9" as "2006-01-02T15:04:05Z07:00": cannot parse "\\xc3\\xa9" as "2006"');
  });

  it('reports ranges, extra text and impossible days', () => {
    expect(err('2024-13-01T00:00:00Z')).toBe('parsing time "2024-13-01T00:00:00Z": month out of range');
    expect(err('2024-01-01T24:00:00Z')).toBe('parsing time "2024-01-01T24:00:00Z": hour out of range');
    expect(err('2024-01-01T10:00:00Zabc')).toBe('parsing time "2024-01-01T10:00:00Zabc": extra text: "abc"');
    expect(err('2023-02-29T00:00:00Z')).toBe('parsing time "2023-02-29T00:00:00Z": day out of range');
  });
});

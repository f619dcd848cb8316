import {
  Quantity, QuantityParseError, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, canonicalQuantity, tryParseQuantity,
} from '../../../lib/api/quantity.js';

describe('resource.Quantity parsing and canonical form', () => {
  it.each([
    ['0', '0'], ['1', '1'], ['1n', '1n'], ['1u', '1u'], ['1m', '1m'], ['1k', '1k'], ['1M', '1M'], ['1G', '1G'], ['1T', '1T'],
    ['1P', '1P'], ['1E', '1E'], ['1Ki', '1Ki'], ['1Mi', '1Mi'], ['1Gi', '1Gi'], ['1Ti', '1Ti'], ['1Pi', '1Pi'], ['1Ei', '1Ei'],
    ['100m', '100m'], ['1000', '1k'], ['1000m', '1'], ['0.5', '500m'], ['1.1', '1100m'], ['0.0001', '100u'], ['0.1m', '100u'],
    ['1.5Gi', '1536Mi'], ['1024Mi', '1Gi'], ['1000Mi', '1000Mi'], ['1.5Ki', '1536'], ['0.5Ki', '512'], ['1024', '1024'],
    ['1e3', '1e3'], ['1E3', '1e3'], ['10e2', '1e3'], ['1e-3', '1e-3'], ['12e-1', '1200e-3'], ['+5', '5'], ['-5', '-5'], ['-1.5Gi', '-1536Mi'],
    ['007', '7'], ['.5', '500m'], ['5.', '5'], ['-0', '0'],
  ])('parses %s and prints it as %s', (input, canonical) => {
    expect(Quantity.parse(input).toString()).toBe(canonical);
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it('rounds precision finer than a nano-unit up, away from zero', () => {
    expect(Quantity.parse('0.1n').toString()).toBe('1n');
    expect(Quantity.parse('-0.1n').toString()).toBe('-1n');
    expect(Quantity.parse('1.0000000001').toString()).toBe('1000000001n');
  });

  it('accepts bare JSON numbers as Go does', () => {
    expect(Quantity.from(0.5).toString()).toBe('500m');
    expect(Quantity.from(2).toString()).toBe('2');
  });

  it.each([
    ['', QUANTITY_FORMAT_ERROR], ['1.5.5', QUANTITY_FORMAT_ERROR], ['1kb', QUANTITY_FORMAT_ERROR], ['abc', QUANTITY_FORMAT_ERROR],
    ['1Q', QUANTITY_FORMAT_ERROR], ['1e', QUANTITY_SUFFIX_ERROR], ['1ki', QUANTITY_SUFFIX_ERROR], ['1k5', QUANTITY_SUFFIX_ERROR],
  ])('rejects %j with Go\'s message', (input, message) => {
    expect(() => Quantity.parse(input)).toThrow(new QuantityParseError(message));
    expect(tryParseQuantity(input)).toBeUndefined();
  });

  it('compares by value whatever the notation (Cmp)', () => {
    expect(Quantity.parse('1').cmp(Quantity.parse('1000m'))).toBe(0);
    expect(Quantity.parse('1Ki').cmp(Quantity.parse('1k'))).toBe(1);
    expect(Quantity.parse('100m').cmp(Quantity.parse('0.2'))).toBe(-1);
    expect(Quantity.parse('-1').sign()).toBe(-1);
  });

  it('rounds Value and MilliValue away from zero', () => {
    expect(Quantity.parse('1.5').value()).toBe(2);
    expect(Quantity.parse('-1.5').value()).toBe(-2);
    expect(Quantity.parse('1.0005').milliValue()).toBe(1001);
    expect(Quantity.parse('2Gi').value()).toBe(2147483648);
  });

  it('adds and subtracts keeping the receiver\'s format unless it is zero', () => {
    expect(Quantity.parse('1Gi').add(Quantity.parse('512Mi')).toString()).toBe('1536Mi');
    expect(Quantity.parse('100m').add(Quantity.parse('1')).toString()).toBe('1100m');
    expect(Quantity.zero.add(Quantity.parse('1Gi')).toString()).toBe('1Gi');
    expect(Quantity.parse('1').sub(Quantity.parse('250m')).toString()).toBe('750m');
  });

  it('caps BinarySI values at the int64 maximum', () => {
    expect(Quantity.parse('16Ei').cmp(Quantity.fromInt((1n << 63n) - 1n))).toBe(0);
  });

  it('serializes to its canonical string in JSON', () => {
    expect(JSON.stringify({ cpu: Quantity.parse('0.25') })).toBe('{"cpu":"250m"}');
  });
});

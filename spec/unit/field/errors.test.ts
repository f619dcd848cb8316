import { FieldPath, fieldPath } from '../../../lib/field/path.js';
import {
  aggregateText, duplicate, errorBody, errorText, forbidden, internal, invalid, notFound, notSupported, required, tooLong, tooMany,
} from '../../../lib/field/errors.js';
import { goQuote } from '../../../lib/field/go-quote.js';

describe('field paths render as apimachinery Path.String', () => {
  it('joins children with dots', () => {
    expect(fieldPath('spec', 'ephemeralContainers').toString()).toBe('spec.ephemeralContainers');
  });
  it('prints indexes as [i]', () => {
    expect(fieldPath('spec').child('ephemeralContainers').index(0).child('ports').toString()).toBe('spec.ephemeralContainers[0].ports');
  });
  it('prints map keys unquoted in brackets', () => {
    expect(fieldPath('metadata', 'annotations').key('kubernetes.io/config.mirror').toString()).toBe('metadata.annotations[kubernetes.io/config.mirror]');
  });
  it('renders the root path as []', () => {
    expect(FieldPath.root('').toString()).toBe('[]');
  });
  it('an empty root followed by a child has no leading dot', () => {
    expect(FieldPath.root('').child('spec').toString()).toBe('spec');
  });
});

describe('field error bodies as ErrorBody renders them', () => {
  it('Required value, with and without detail', () => {
    expect(errorText(required('spec.containers'))).toBe('spec.containers: Required value');
    expect(errorBody(required('x', 'must be set'))).toBe('Required value: must be set');
  });
  it('Forbidden never shows the value', () => {
    expect(errorBody(forbidden('spec.ephemeralContainers[0].ports', 'cannot be set for an Ephemeral Container'))).toBe(
      'Forbidden: cannot be set for an Ephemeral Container',
    );
  });
  it('Invalid quotes strings Go-style and prints numbers and bools bare', () => {
    expect(errorBody(invalid('a', 'ctr', 'bad'))).toBe('Invalid value: "ctr": bad');
    expect(errorBody(invalid('a', 80, 'bad'))).toBe('Invalid value: 80: bad');
    expect(errorBody(invalid('a', false, 'bad'))).toBe('Invalid value: false: bad');
  });
  it('a nil value prints as the quoted string "null"', () => {
    expect(errorBody(invalid('a', undefined, 'x'))).toBe('Invalid value: "null": x');
  });
  it('Duplicate and Not found show the value and no detail', () => {
    expect(errorBody(duplicate('a', 'ctr'))).toBe('Duplicate value: "ctr"');
    expect(errorBody(notFound('a', 'ctr'))).toBe('Not found: "ctr"');
  });
  it('Unsupported value lists the supported values in the given order, quoted', () => {
    expect(errorBody(notSupported('a', 'PullThreeTimes', ['Always', 'IfNotPresent', 'Never']))).toBe(
      'Unsupported value: "PullThreeTimes": supported values: "Always", "IfNotPresent", "Never"',
    );
  });
  it('Too long hides the value', () => {
    expect(errorBody(tooLong('metadata.annotations', 'xxx', 262144))).toBe('Too long: may not be more than 262144 bytes');
  });
  it('Too many shows the count', () => {
    expect(errorBody(tooMany('a', 5, 4))).toBe('Too many: 5: must have at most 4 items');
  });
  it('Internal error shows the detail', () => {
    expect(errorBody(internal('a', 'boom'))).toBe('Internal error: boom');
  });
  it('Go quoting escapes quotes, backslashes and control characters', () => {
    expect(goQuote('a"b\\c\n\x01')).toBe('"a\\"b\\\\c\\n\\x01"');
  });
});

describe('aggregate messages as ErrorList.ToAggregate renders them', () => {
  it('one error is bare', () => {
    expect(aggregateText([required('a')])).toBe('a: Required value');
  });
  it('several are bracketed and comma-joined', () => {
    expect(aggregateText([required('a'), required('b')])).toBe('[a: Required value, b: Required value]');
  });
  it('identical texts are dropped, the first wins', () => {
    expect(aggregateText([required('a'), required('b'), required('a')])).toBe('[a: Required value, b: Required value]');
  });
});

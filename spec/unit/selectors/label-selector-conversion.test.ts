import { fieldPath } from '../../../lib/field/path.js';
import {
  labelSelectorAsSelector, nodeSelectorRequirementsAsFieldSelector, nodeSelectorRequirementsAsSelector,
} from '../../../lib/selectors/label-selector-conversion.js';
import { SelectorError } from '../../../lib/selectors/selector-error.js';

describe('metav1.LabelSelectorAsSelector', () => {
  it('a nil selector selects nothing and an empty one everything', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector({}).matches({})).toBe(true);
    expect(labelSelectorAsSelector({}).empty()).toBe(true);
  });
  it('matchLabels and matchExpressions are ANDed and sorted by key', () => {
    const sel = labelSelectorAsSelector({
      matchLabels: { tier: 'fe' },
      matchExpressions: [
        { key: 'app', operator: 'In', values: ['web', 'api'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['z1'] },
      ],
    });
    expect(sel.toString()).toBe('app in (api,web),!canary,tier=fe,zone notin (z1)');
    expect(sel.matches({ app: 'web', tier: 'fe' })).toBe(true);
    expect(sel.matches({ app: 'web', tier: 'fe', canary: '' })).toBe(false);
  });
  it('an unknown operator is rejected with the %q message', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      new SelectorError('"Gt" is not a valid label selector operator'),
    );
  });
  it('In with no values is a nil slice in the NewRequirement error', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      new SelectorError("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
    );
  });
});

describe('node affinity requirement conversion (component-helpers nodeaffinity)', () => {
  const p = fieldPath('spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution')
    .child('nodeSelectorTerms').index(0).child('matchExpressions');
  it('no requirements select nothing', () => {
    expect(nodeSelectorRequirementsAsSelector([], p).selector?.isNothing()).toBe(true);
  });
  it('Gt/Lt are allowed and compare integers', () => {
    const { selector } = nodeSelectorRequirementsAsSelector([{ key: 'cpu', operator: 'Gt', values: ['4'] }, { key: 'zone', operator: 'Exists' }], p);
    expect(selector?.matches({ cpu: '8', zone: 'a' })).toBe(true);
    expect(selector?.matches({ cpu: '2', zone: 'a' })).toBe(false);
  });
  it('errors carry the term path and NotSupported lists the node selector operators', () => {
    const { errors } = nodeSelectorRequirementsAsSelector(
      [{ key: 'a', operator: 'Equals', values: ['x'] }, { key: 'b', operator: 'Gt', values: ['x'] }],
      p,
    );
    const base = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions';
    expect(errors).toEqual([
      `${base}[0].operator: Unsupported value: "Equals": supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"`,
      `${base}[1].values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
    ]);
  });
  it('matchFields allow In/NotIn with exactly one value', () => {
    const f = fieldPath('x').child('matchFields');
    const ok = nodeSelectorRequirementsAsFieldSelector([{ key: 'metadata.name', operator: 'In', values: ['n1'] }], f);
    expect(ok.selector?.matches({ 'metadata.name': 'n1' })).toBe(true);
    expect(ok.selector?.matches({ 'metadata.name': 'n2' })).toBe(false);
    const bad = nodeSelectorRequirementsAsFieldSelector(
      [{ key: 'metadata.name', operator: 'In', values: ['n1', 'n2'] }, { key: 'metadata.name', operator: 'Exists' }],
      f,
    );
    expect(bad.errors).toEqual([
      'x.matchFields[0].values: Invalid value: []string{"n1", "n2"}: must have one element',
      'x.matchFields[1].operator: Unsupported value: "Exists": supported values: "In", "NotIn"',
    ]);
  });
});

import type { Event, Namespace, Node, Pod } from 'kubernetes-types/core/v1.js';
import {
  compileFieldMatcher, convertFieldLabel, convertFieldSelector, toSelectableFields,
} from '../../../lib/selectors/field-labels.js';
import { parseFieldSelector } from '../../../lib/selectors/field-selector.js';
import { SelectorError } from '../../../lib/selectors/selector-error.js';

const pod: Pod = {
  metadata: { name: 'p1', namespace: 'ns1' },
  spec: { containers: [], nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccount: 'legacy-sa' },
  status: { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }], nominatedNodeName: 'n2' },
};

describe('pod.ToSelectableFields', () => {
  it('serves the pod fields, hostNetwork as a bool string and podIP from podIPs[0]', () => {
    expect(toSelectableFields('pods', pod)).toEqual({
      'metadata.name': 'p1',
      'metadata.namespace': 'ns1',
      'spec.nodeName': 'n1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'legacy-sa',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.1',
      'status.nominatedNodeName': 'n2',
    });
  });
  it('status.podIP wins over a differing podIPs[0], as the v1 conversion makes it', () => {
    const differing: Pod = { ...pod, status: { podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.1' }] } };
    expect(toSelectableFields('pods', differing)['status.podIP']).toBe('10.0.0.9');
  });
  it('status.podIPs is accepted by the conversion but never served, so it reads ""', () => {
    const sel = convertFieldSelector('pods', parseFieldSelector('status.podIPs=10.0.0.1'));
    expect(sel.matches(toSelectableFields('pods', pod))).toBe(false);
    expect(convertFieldSelector('pods', parseFieldSelector('status.podIPs=')).matches(toSelectableFields('pods', pod))).toBe(true);
  });
  it('spec.host is renamed to spec.nodeName', () => {
    expect(convertFieldLabel('pods', 'spec.host', 'n1')).toEqual(['spec.nodeName', 'n1']);
  });
});

describe('other kinds\' selectable fields', () => {
  it('nodes serve metadata.name and spec.unschedulable, and no namespace', () => {
    const node: Node = { metadata: { name: 'n1' }, spec: { unschedulable: true } };
    expect(toSelectableFields('nodes', node)).toEqual({ 'metadata.name': 'n1', 'spec.unschedulable': 'true' });
  });
  it('namespaces serve the legacy name field that the conversion func rejects', () => {
    const ns: Namespace = { metadata: { name: 'default' }, status: { phase: 'Active' } };
    expect(toSelectableFields('namespaces', ns)).toEqual({ 'metadata.name': 'default', 'status.phase': 'Active', name: 'default' });
    expect(() => convertFieldLabel('namespaces', 'name', 'default')).toThrow(new SelectorError('field label not supported: name'));
  });
  it('events serve source from source.component, falling back to reportingComponent', () => {
    const ev: Event = { metadata: { name: 'e', namespace: 'ns' }, involvedObject: { kind: 'Pod', name: 'p1' }, reportingComponent: 'kubelet', type: 'Normal' };
    const fs = toSelectableFields('events', ev);
    expect(fs.source).toBe('kubelet');
    expect(fs.reportingComponent).toBe('kubelet');
    expect(fs['involvedObject.kind']).toBe('Pod');
    expect(toSelectableFields('events', { ...ev, source: { component: 'scheduler' } } as Event).source).toBe('scheduler');
  });
  it('kinds without a conversion func use the default message and serve name (and namespace when namespaced)', () => {
    expect(() => convertFieldLabel('configmaps', 'data.x', 'v')).toThrow(
      new SelectorError('"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'),
    );
    expect(toSelectableFields('configmaps', { metadata: { name: 'c', namespace: 'n' } })).toEqual({ 'metadata.name': 'c', 'metadata.namespace': 'n' });
    expect(toSelectableFields('widgets', { metadata: { name: 'w' } }, false)).toEqual({ 'metadata.name': 'w' });
  });
  it('a resource name that is an Object.prototype key gets the default spec', () => {
    expect(() => convertFieldLabel('constructor', 'x', 'v')).toThrow(/is not a known field selector/);
  });
});

describe('compileFieldMatcher agrees with matching the full field set', () => {
  const pods: Pod[] = ['Running', 'Pending', 'Failed'].flatMap((phase, i) =>
    ['n1', 'n2', ''].map((nodeName, j) => ({ metadata: { name: `p${i}${j}`, namespace: 'ns' }, spec: { containers: [], nodeName }, status: { phase } })),
  );
  it.each([
    'spec.nodeName=n1',
    'spec.nodeName=',
    'status.phase!=Failed,spec.nodeName!=n2',
    'status.podIPs=',
    'metadata.name=p11',
    '',
  ])('%s', (text) => {
    const sel = convertFieldSelector('pods', parseFieldSelector(text));
    const fast = compileFieldMatcher('pods', sel);
    expect(pods.map((p) => fast(p))).toEqual(pods.map((p) => sel.matches(toSelectableFields('pods', p))));
  });
});

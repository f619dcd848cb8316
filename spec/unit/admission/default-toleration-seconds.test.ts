import type { Pod, Toleration } from '../../../lib/api/types.js';
import type { AdmissionAttributes } from '../../../lib/admission/attributes.js';
import { admitDefaultTolerationSeconds } from '../../../lib/admission/default-toleration-seconds.js';

const create: AdmissionAttributes = { operation: 'CREATE', resource: 'pods', subresource: '', namespace: 'default', name: 'p' };
const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const admitted = (tolerations?: Toleration[], attrs = create, options = {}): Toleration[] | undefined => {
  const p: Pod = { spec: { containers: [{ name: 'c' }], ...(tolerations ? { tolerations } : {}) } };
  admitDefaultTolerationSeconds(p, attrs, options);
  return p.spec!.tolerations;
};

describe('DefaultTolerationSeconds admission', () => {
  it('appends not-ready then unreachable, 300 s each, to a pod without tolerations', () => {
    expect(admitted()).toEqual([notReady, unreachable]);
  });

  it('keeps the user tolerations first and adds only what is missing', () => {
    const mine = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 };
    expect(admitted([mine])).toEqual([mine, unreachable]);
  });

  it('counts a toleration with an empty key and an empty effect as covering both', () => {
    expect(admitted([{ operator: 'Exists' }])).toEqual([{ operator: 'Exists' }]);
  });

  it('counts an empty-key NoExecute toleration, whatever its operator or value', () => {
    expect(admitted([{ operator: 'Equal', value: 'x', effect: 'NoExecute' }])).toHaveLength(1);
  });

  it('does not count a toleration for another effect', () => {
    expect(admitted([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }])).toHaveLength(3);
  });

  it('uses the configured seconds', () => {
    expect(admitted(undefined, create, { notReadyTolerationSeconds: 30, unreachableTolerationSeconds: 40 })!.map((t) => t.tolerationSeconds)).toEqual([30, 40]);
  });

  it('runs on update too, and not on subresources', () => {
    expect(admitted(undefined, { ...create, operation: 'UPDATE' })).toHaveLength(2);
    expect(admitted(undefined, { ...create, subresource: 'status' })).toBeUndefined();
  });
});

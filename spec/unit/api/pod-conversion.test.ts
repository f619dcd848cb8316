import type { Pod } from '../../../lib/api/types.js';
import { convertPodToInternal, convertPodToV1 } from '../../../lib/api/pod-conversion.js';

const through = (p: Pod): Pod => {
  const copy = structuredClone(p);
  convertPodToInternal(copy);
  convertPodToV1(copy);
  return copy;
};

describe('v1 ⇄ internal Pod conversion effects', () => {
  it('mirrors serviceAccountName into the deprecated serviceAccount', () => {
    expect(through({ spec: { containers: [], serviceAccountName: 'robot' } }).spec).toMatchObject({ serviceAccountName: 'robot', serviceAccount: 'robot' });
  });

  it('reads the deprecated serviceAccount when serviceAccountName is empty, and prefers serviceAccountName otherwise', () => {
    expect(through({ spec: { containers: [], serviceAccount: 'old' } }).spec).toMatchObject({ serviceAccountName: 'old', serviceAccount: 'old' });
    expect(through({ spec: { containers: [], serviceAccount: 'old', serviceAccountName: 'new' } }).spec).toMatchObject({ serviceAccountName: 'new', serviceAccount: 'new' });
  });

  it('keeps podIP and podIPs consistent, the singular field winning', () => {
    expect(through({ status: { podIP: '10.0.0.1' } }).status).toEqual({ podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }] });
    expect(through({ status: { podIP: '10.0.0.2', podIPs: [{ ip: '10.0.0.1' }] } }).status).toEqual({ podIP: '10.0.0.2', podIPs: [{ ip: '10.0.0.2' }] });
    expect(through({ status: { hostIPs: [{ ip: '192.168.0.1' }] } }).status).toEqual({ hostIP: '192.168.0.1', hostIPs: [{ ip: '192.168.0.1' }] });
  });

  it('drops the legacy init-container annotations', () => {
    const p = through({ metadata: { annotations: { 'pod.beta.kubernetes.io/init-containers': '[]', keep: 'me' } } });
    expect(p.metadata?.annotations).toEqual({ keep: 'me' });
  });
});

import type { Pod } from '../../../../lib/api/types.js';
import { dropDisabledPodFields, dropDisabledPodStatusFields } from '../../../../lib/registry/pod/drop-disabled-fields.js';

type Loose = Record<string, unknown>;
const dropped = (spec: Loose, old?: Loose): Loose => {
  const p = { spec: { containers: [{ name: 'c', image: 'x' }], ...spec } } as unknown as Pod;
  dropDisabledPodFields(p, old ? ({ spec: { containers: [], ...old } } as unknown as Pod) : undefined);
  return p.spec as unknown as Loose;
};

describe('DropDisabledPodFields with the feature gates of a default 1.32 apiserver', () => {
  it('drops hostUsers, resourceClaims, pod-level resources and the alpha security-context fields on create', () => {
    const spec = dropped({
      hostUsers: false, resourceClaims: [{ name: 'gpu' }], resources: { limits: { cpu: '1' } },
      securityContext: { supplementalGroupsPolicy: 'Strict', seLinuxChangePolicy: 'Recursive', runAsUser: 1 },
    });
    expect(spec).toEqual({ containers: [{ name: 'c', image: 'x' }], securityContext: { runAsUser: 1 } });
  });

  it('drops resizePolicy and resource claims from every kind of container', () => {
    const spec = dropped({
      containers: [{ name: 'c', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }], resources: { claims: [{ name: 'gpu' }], limits: { cpu: '1' } } }],
      ephemeralContainers: [{ name: 'e', resizePolicy: [] }],
    });
    expect(spec.containers).toEqual([{ name: 'c', resources: { limits: { cpu: '1' } } }]);
    expect(spec.ephemeralContainers).toEqual([{ name: 'e' }]);
  });

  it('resets a present procMount to Default instead of removing it', () => {
    const spec = dropped({ containers: [{ name: 'c', securityContext: { procMount: 'Unmasked' } }] });
    expect(spec.containers).toEqual([{ name: 'c', securityContext: { procMount: 'Default' } }]);
  });

  it('removes image volumes and the mounts of them, and clusterTrustBundle projections', () => {
    const spec = dropped({
      volumes: [{ name: 'img', image: { reference: 'x' } }, { name: 'p', projected: { sources: [{ clusterTrustBundle: { path: 'b' } }, { configMap: { name: 'c' } }] } }],
      containers: [{ name: 'c', volumeMounts: [{ name: 'img', mountPath: '/i' }, { name: 'p', mountPath: '/p' }] }],
    });
    expect(spec.volumes).toEqual([{ name: 'p', projected: { sources: [{}, { configMap: { name: 'c' } }] } }]);
    expect(spec.containers).toEqual([{ name: 'c', volumeMounts: [{ name: 'p', mountPath: '/p' }] }]);
  });

  it('keeps a disabled field on update when the stored pod already uses it', () => {
    expect(dropped({ hostUsers: false }, { hostUsers: false }).hostUsers).toBe(false);
    expect(dropped({ resourceClaims: [{ name: 'g' }] }, { resourceClaims: [{ name: 'g' }] }).resourceClaims).toEqual([{ name: 'g' }]);
  });

  it('keeps fields of gates that are on: restartable init containers, recursiveReadOnly, sleep, matchLabelKeys', () => {
    const spec = {
      initContainers: [{ name: 'sidecar', restartPolicy: 'Always', volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'Enabled' }] }],
      containers: [{ name: 'c', lifecycle: { preStop: { sleep: { seconds: 5 } } } }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['rev'] }],
    };
    expect(dropped(structuredClone(spec))).toEqual(spec);
  });

  it('drops status fields of disabled gates (resize, container resources, resource claim statuses)', () => {
    const p = { spec: { containers: [] }, status: { resize: 'Proposed', resourceClaimStatuses: [{ name: 'g' }], containerStatuses: [{ name: 'c', resources: {}, allocatedResources: { cpu: '1' }, ready: true }] } } as unknown as Pod;
    dropDisabledPodStatusFields(p);
    expect(p.status).toEqual({ containerStatuses: [{ name: 'c', ready: true }] });
  });
});

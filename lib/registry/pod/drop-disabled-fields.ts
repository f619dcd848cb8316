/**
 * `podutil.DropDisabledPodFields` (`pkg/api/pod/util.go`) for the feature gates of a default v1.32
 * apiserver: fields of gates that are off are cleared on create, and on update unless the old pod
 * already used them. Gates off in 1.32: UserNamespacesSupport (hostUsers), SupplementalGroupsPolicy,
 * PodLevelResources, ProcMountType, DynamicResourceAllocation, ClusterTrustBundleProjection,
 * InPlacePodVerticalScaling (resizePolicy, status resize/resources), ImageVolume, SELinuxChangePolicy,
 * ResourceHealthStatus. Gates on (nothing dropped): SidecarContainers, RecursiveReadOnlyMounts,
 * PodLifecycleSleepAction, MatchLabelKeysInPodAffinity/TopologySpread, NodeInclusionPolicyInPodTopologySpread.
 *
 * Mutates `pod`; works on plain JSON so fields newer than kubernetes-types are covered too.
 */
import type { Pod } from '../../api/types.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => obj(x) !== undefined) : []);

const containersOf = (spec: Obj | undefined): Obj[] => [...list(spec?.initContainers), ...list(spec?.containers), ...list(spec?.ephemeralContainers)];
const present = (v: unknown): boolean => v !== undefined && v !== null;

function procMountInUse(spec: Obj | undefined): boolean {
  return containersOf(spec).some((c) => {
    const pm = obj(c.securityContext)?.procMount;
    return present(pm) && pm !== 'Default';
  });
}

function resizePolicyInUse(spec: Obj | undefined): boolean {
  return [...list(spec?.containers), ...list(spec?.initContainers)].some((c) => list(c.resizePolicy).length > 0);
}

const projectedSources = (spec: Obj | undefined): Obj[] => list(spec?.volumes).flatMap((v) => list(obj(v.projected)?.sources));

function dropImageVolumes(spec: Obj): void {
  const names = new Set(list(spec.volumes).filter((v) => present(v.image)).map((v) => v.name));
  if (names.size === 0) return;
  const kept = list(spec.volumes).filter((v) => !present(v.image));
  if (kept.length > 0) spec.volumes = kept;
  else delete spec.volumes;
  for (const c of containersOf(spec)) {
    if (!Array.isArray(c.volumeMounts)) continue;
    const mounts = list(c.volumeMounts).filter((m) => !names.has(m.name));
    if (mounts.length > 0) c.volumeMounts = mounts;
    else delete c.volumeMounts;
  }
}

/** The status half of `DropDisabledPodFields` (`dropDisabledPodStatusFields`), on its own for pods/status. */
export function dropDisabledPodStatusFields(pod: Pod, oldPod?: Pod): void {
  const status = obj(pod.status);
  const oldSpec = obj(oldPod?.spec);
  if (!status) return;
  const statuses = [...list(status.initContainerStatuses), ...list(status.containerStatuses), ...list(status.ephemeralContainerStatuses)];
  if (!resizePolicyInUse(oldSpec)) {
    delete status.resize;
    for (const cs of statuses) {
      delete cs.resources;
      delete cs.allocatedResources;
    }
  }
  if (list(oldSpec?.resourceClaims).length === 0) delete status.resourceClaimStatuses;
  for (const cs of statuses) delete cs.allocatedResourcesStatus;
  if (!present(obj(oldSpec?.securityContext)?.supplementalGroupsPolicy)) {
    for (const cs of statuses) delete cs.user;
  }
}

/** `DropDisabledPodFields(pod, oldPod)`: `oldPod` is undefined on create. */
export function dropDisabledPodFields(pod: Pod, oldPod?: Pod): void {
  const spec = obj(pod.spec);
  const oldSpec = obj(oldPod?.spec);
  if (spec) {
    const sc = obj(spec.securityContext);
    // hostUsers lives under the internal PodSecurityContext; on the wire it is spec.hostUsers.
    if (!present(oldSpec?.hostUsers)) delete spec.hostUsers;
    if (sc && !present(obj(oldSpec?.securityContext)?.supplementalGroupsPolicy)) delete sc.supplementalGroupsPolicy;
    if (sc && !present(obj(oldSpec?.securityContext)?.seLinuxChangePolicy)) delete sc.seLinuxChangePolicy;
    const oldPodResources = obj(oldSpec?.resources);
    if (!(Object.keys(obj(oldPodResources?.requests) ?? {}).length > 0 || Object.keys(obj(oldPodResources?.limits) ?? {}).length > 0)) {
      delete spec.resources;
    }
    if (!procMountInUse(oldSpec)) {
      // The field was once forced non-nil, so a present value is reset to Default rather than removed.
      for (const c of containersOf(spec)) {
        const csc = obj(c.securityContext);
        if (csc && present(csc.procMount)) csc.procMount = 'Default';
      }
    }
    if (list(oldSpec?.resourceClaims).length === 0) {
      for (const c of containersOf(spec)) {
        const resources = obj(c.resources);
        if (resources) delete resources.claims;
      }
      delete spec.resourceClaims;
    }
    if (!projectedSources(oldSpec).some((s) => present(s.clusterTrustBundle))) {
      for (const s of projectedSources(spec)) delete s.clusterTrustBundle;
    }
    if (!resizePolicyInUse(oldSpec)) {
      for (const c of containersOf(spec)) delete c.resizePolicy;
    }
    if (!list(oldSpec?.volumes).some((v) => present(v.image))) dropImageVolumes(spec);
  }
  dropDisabledPodStatusFields(pod, oldPod);
}

/**
 * The Go shape of core/v1 Pod and every type under it, as the apiserver's JSON codec and
 * structured-merge-diff see it: field order (Go struct declaration order, embedded structs flattened),
 * Go kind (pointer, slice, map, struct, scalar), `omitempty`, and the merge semantics of lists, maps and
 * structs (`x-kubernetes-list-type`, `-list-map-keys`, `-map-type`).
 *
 * Generated data, not hand-written: field order, types and `omitempty` from kubernetes/api v0.32.0
 * `core/v1/types.go` and kubernetes/apimachinery v0.32.0 `pkg/apis/meta/v1/types.go`; merge semantics
 * from the v1.32 core/v1 OpenAPI document (`data/openapi`). Every array of these types carries an
 * explicit list type in 1.32, so no patch-strategy fallback is needed.
 *
 * One entry per struct: `'Name'` (or `'Name!atomic'` for `+structType=atomic`) → its fields, space
 * separated, each `json:type` with
 * - type prefix `*` pointer, `[]` slice, `{}` map (string keys); struct names, or a scalar:
 *   `string`, `int`, `bool`, `float`, `quantity` (resource.Quantity), `intOrString`, `time` (metav1.Time),
 *   `json` (opaque, metav1.FieldsV1);
 * - suffix `?` for `omitempty`; for slices `!atomic`, `!set` or `!map=key1,key2`; for maps `!atomic`.
 */

// prettier-ignore
const RAW: Readonly<Record<string, string>> = {
  'Pod': 'kind:string? apiVersion:string? metadata:meta.ObjectMeta? spec:PodSpec? status:PodStatus?',
  'meta.ObjectMeta': 'name:string? generateName:string? namespace:string? selfLink:string? uid:string? resourceVersion:string? generation:int? creationTimestamp:time? deletionTimestamp:*time? deletionGracePeriodSeconds:*int? labels:{}string? annotations:{}string? ownerReferences:[]meta.OwnerReference?!map=uid finalizers:[]string?!set managedFields:[]meta.ManagedFieldsEntry?!atomic',
  'PodSpec': 'volumes:[]Volume?!map=name initContainers:[]Container?!map=name containers:[]Container!map=name ephemeralContainers:[]EphemeralContainer?!map=name restartPolicy:string? terminationGracePeriodSeconds:*int? activeDeadlineSeconds:*int? dnsPolicy:string? nodeSelector:{}string?!atomic serviceAccountName:string? serviceAccount:string? automountServiceAccountToken:*bool? nodeName:string? hostNetwork:bool? hostPID:bool? hostIPC:bool? shareProcessNamespace:*bool? securityContext:*PodSecurityContext? imagePullSecrets:[]LocalObjectReference?!map=name hostname:string? subdomain:string? affinity:*Affinity? schedulerName:string? tolerations:[]Toleration?!atomic hostAliases:[]HostAlias?!map=ip priorityClassName:string? priority:*int? dnsConfig:*PodDNSConfig? readinessGates:[]PodReadinessGate?!atomic runtimeClassName:*string? enableServiceLinks:*bool? preemptionPolicy:*string? overhead:{}quantity? topologySpreadConstraints:[]TopologySpreadConstraint?!map=topologyKey,whenUnsatisfiable setHostnameAsFQDN:*bool? os:*PodOS? hostUsers:*bool? schedulingGates:[]PodSchedulingGate?!map=name resourceClaims:[]PodResourceClaim?!map=name resources:*ResourceRequirements?',
  'PodStatus': 'phase:string? conditions:[]PodCondition?!map=type message:string? reason:string? nominatedNodeName:string? hostIP:string? hostIPs:[]HostIP?!atomic podIP:string? podIPs:[]PodIP?!map=ip startTime:*time? initContainerStatuses:[]ContainerStatus?!atomic containerStatuses:[]ContainerStatus?!atomic qosClass:string? ephemeralContainerStatuses:[]ContainerStatus?!atomic resize:string? resourceClaimStatuses:[]PodResourceClaimStatus?!map=name',
  'meta.OwnerReference!atomic': 'apiVersion:string kind:string name:string uid:string controller:*bool? blockOwnerDeletion:*bool?',
  'meta.ManagedFieldsEntry': 'manager:string? operation:string? apiVersion:string? time:*time? fieldsType:string? fieldsV1:*json? subresource:string?',
  'Volume': 'name:string hostPath:*HostPathVolumeSource? emptyDir:*EmptyDirVolumeSource? gcePersistentDisk:*GCEPersistentDiskVolumeSource? awsElasticBlockStore:*AWSElasticBlockStoreVolumeSource? gitRepo:*GitRepoVolumeSource? secret:*SecretVolumeSource? nfs:*NFSVolumeSource? iscsi:*ISCSIVolumeSource? glusterfs:*GlusterfsVolumeSource? persistentVolumeClaim:*PersistentVolumeClaimVolumeSource? rbd:*RBDVolumeSource? flexVolume:*FlexVolumeSource? cinder:*CinderVolumeSource? cephfs:*CephFSVolumeSource? flocker:*FlockerVolumeSource? downwardAPI:*DownwardAPIVolumeSource? fc:*FCVolumeSource? azureFile:*AzureFileVolumeSource? configMap:*ConfigMapVolumeSource? vsphereVolume:*VsphereVirtualDiskVolumeSource? quobyte:*QuobyteVolumeSource? azureDisk:*AzureDiskVolumeSource? photonPersistentDisk:*PhotonPersistentDiskVolumeSource? projected:*ProjectedVolumeSource? portworxVolume:*PortworxVolumeSource? scaleIO:*ScaleIOVolumeSource? storageos:*StorageOSVolumeSource? csi:*CSIVolumeSource? ephemeral:*EphemeralVolumeSource? image:*ImageVolumeSource?',
  'Container': 'name:string image:string? command:[]string?!atomic args:[]string?!atomic workingDir:string? ports:[]ContainerPort?!map=containerPort,protocol envFrom:[]EnvFromSource?!atomic env:[]EnvVar?!map=name resources:ResourceRequirements? resizePolicy:[]ContainerResizePolicy?!atomic restartPolicy:*string? volumeMounts:[]VolumeMount?!map=mountPath volumeDevices:[]VolumeDevice?!map=devicePath livenessProbe:*Probe? readinessProbe:*Probe? startupProbe:*Probe? lifecycle:*Lifecycle? terminationMessagePath:string? terminationMessagePolicy:string? imagePullPolicy:string? securityContext:*SecurityContext? stdin:bool? stdinOnce:bool? tty:bool?',
  'EphemeralContainer': 'name:string image:string? command:[]string?!atomic args:[]string?!atomic workingDir:string? ports:[]ContainerPort?!map=containerPort,protocol envFrom:[]EnvFromSource?!atomic env:[]EnvVar?!map=name resources:ResourceRequirements? resizePolicy:[]ContainerResizePolicy?!atomic restartPolicy:*string? volumeMounts:[]VolumeMount?!map=mountPath volumeDevices:[]VolumeDevice?!map=devicePath livenessProbe:*Probe? readinessProbe:*Probe? startupProbe:*Probe? lifecycle:*Lifecycle? terminationMessagePath:string? terminationMessagePolicy:string? imagePullPolicy:string? securityContext:*SecurityContext? stdin:bool? stdinOnce:bool? tty:bool? targetContainerName:string?',
  'PodSecurityContext': 'seLinuxOptions:*SELinuxOptions? windowsOptions:*WindowsSecurityContextOptions? runAsUser:*int? runAsGroup:*int? runAsNonRoot:*bool? supplementalGroups:[]int?!atomic supplementalGroupsPolicy:*string? fsGroup:*int? sysctls:[]Sysctl?!atomic fsGroupChangePolicy:*string? seccompProfile:*SeccompProfile? appArmorProfile:*AppArmorProfile? seLinuxChangePolicy:*string?',
  'LocalObjectReference!atomic': 'name:string?',
  'Affinity': 'nodeAffinity:*NodeAffinity? podAffinity:*PodAffinity? podAntiAffinity:*PodAntiAffinity?',
  'Toleration': 'key:string? operator:string? value:string? effect:string? tolerationSeconds:*int?',
  'HostAlias': 'ip:string hostnames:[]string?!atomic',
  'PodDNSConfig': 'nameservers:[]string?!atomic searches:[]string?!atomic options:[]PodDNSConfigOption?!atomic',
  'PodReadinessGate': 'conditionType:string',
  'TopologySpreadConstraint': 'maxSkew:int topologyKey:string whenUnsatisfiable:string labelSelector:*meta.LabelSelector? minDomains:*int? nodeAffinityPolicy:*string? nodeTaintsPolicy:*string? matchLabelKeys:[]string?!atomic',
  'PodOS': 'name:string',
  'PodSchedulingGate': 'name:string',
  'PodResourceClaim': 'name:string resourceClaimName:*string? resourceClaimTemplateName:*string?',
  'ResourceRequirements': 'limits:{}quantity? requests:{}quantity? claims:[]ResourceClaim?!map=name',
  'PodCondition': 'type:string status:string lastProbeTime:time? lastTransitionTime:time? reason:string? message:string?',
  'HostIP': 'ip:string',
  'PodIP': 'ip:string',
  'ContainerStatus': 'name:string state:ContainerState? lastState:ContainerState? ready:bool restartCount:int image:string imageID:string containerID:string? started:*bool? allocatedResources:{}quantity? resources:*ResourceRequirements? volumeMounts:[]VolumeMountStatus?!map=mountPath user:*ContainerUser? allocatedResourcesStatus:[]ResourceStatus?!map=name',
  'PodResourceClaimStatus': 'name:string resourceClaimName:*string?',
  'HostPathVolumeSource': 'path:string type:*string?',
  'EmptyDirVolumeSource': 'medium:string? sizeLimit:*quantity?',
  'GCEPersistentDiskVolumeSource': 'pdName:string fsType:string? partition:int? readOnly:bool?',
  'AWSElasticBlockStoreVolumeSource': 'volumeID:string fsType:string? partition:int? readOnly:bool?',
  'GitRepoVolumeSource': 'repository:string revision:string? directory:string?',
  'SecretVolumeSource': 'secretName:string? items:[]KeyToPath?!atomic defaultMode:*int? optional:*bool?',
  'NFSVolumeSource': 'server:string path:string readOnly:bool?',
  'ISCSIVolumeSource': 'targetPortal:string iqn:string lun:int iscsiInterface:string? fsType:string? readOnly:bool? portals:[]string?!atomic chapAuthDiscovery:bool? chapAuthSession:bool? secretRef:*LocalObjectReference? initiatorName:*string?',
  'GlusterfsVolumeSource': 'endpoints:string path:string readOnly:bool?',
  'PersistentVolumeClaimVolumeSource': 'claimName:string readOnly:bool?',
  'RBDVolumeSource': 'monitors:[]string!atomic image:string fsType:string? pool:string? user:string? keyring:string? secretRef:*LocalObjectReference? readOnly:bool?',
  'FlexVolumeSource': 'driver:string fsType:string? secretRef:*LocalObjectReference? readOnly:bool? options:{}string?',
  'CinderVolumeSource': 'volumeID:string fsType:string? readOnly:bool? secretRef:*LocalObjectReference?',
  'CephFSVolumeSource': 'monitors:[]string!atomic path:string? user:string? secretFile:string? secretRef:*LocalObjectReference? readOnly:bool?',
  'FlockerVolumeSource': 'datasetName:string? datasetUUID:string?',
  'DownwardAPIVolumeSource': 'items:[]DownwardAPIVolumeFile?!atomic defaultMode:*int?',
  'FCVolumeSource': 'targetWWNs:[]string?!atomic lun:*int? fsType:string? readOnly:bool? wwids:[]string?!atomic',
  'AzureFileVolumeSource': 'secretName:string shareName:string readOnly:bool?',
  'ConfigMapVolumeSource': 'name:string? items:[]KeyToPath?!atomic defaultMode:*int? optional:*bool?',
  'VsphereVirtualDiskVolumeSource': 'volumePath:string fsType:string? storagePolicyName:string? storagePolicyID:string?',
  'QuobyteVolumeSource': 'registry:string volume:string readOnly:bool? user:string? group:string? tenant:string?',
  'AzureDiskVolumeSource': 'diskName:string diskURI:string cachingMode:*string? fsType:*string? readOnly:*bool? kind:*string?',
  'PhotonPersistentDiskVolumeSource': 'pdID:string fsType:string?',
  'ProjectedVolumeSource': 'sources:[]VolumeProjection!atomic defaultMode:*int?',
  'PortworxVolumeSource': 'volumeID:string fsType:string? readOnly:bool?',
  'ScaleIOVolumeSource': 'gateway:string system:string secretRef:*LocalObjectReference sslEnabled:bool? protectionDomain:string? storagePool:string? storageMode:string? volumeName:string? fsType:string? readOnly:bool?',
  'StorageOSVolumeSource': 'volumeName:string? volumeNamespace:string? fsType:string? readOnly:bool? secretRef:*LocalObjectReference?',
  'CSIVolumeSource': 'driver:string readOnly:*bool? fsType:*string? volumeAttributes:{}string? nodePublishSecretRef:*LocalObjectReference?',
  'EphemeralVolumeSource': 'volumeClaimTemplate:*PersistentVolumeClaimTemplate?',
  'ImageVolumeSource': 'reference:string? pullPolicy:string?',
  'ContainerPort': 'name:string? hostPort:int? containerPort:int protocol:string? hostIP:string?',
  'EnvFromSource': 'prefix:string? configMapRef:*ConfigMapEnvSource? secretRef:*SecretEnvSource?',
  'EnvVar': 'name:string value:string? valueFrom:*EnvVarSource?',
  'ContainerResizePolicy': 'resourceName:string restartPolicy:string',
  'VolumeMount': 'name:string readOnly:bool? recursiveReadOnly:*string? mountPath:string subPath:string? mountPropagation:*string? subPathExpr:string?',
  'VolumeDevice': 'name:string devicePath:string',
  'Probe': 'exec:*ExecAction? httpGet:*HTTPGetAction? tcpSocket:*TCPSocketAction? grpc:*GRPCAction? initialDelaySeconds:int? timeoutSeconds:int? periodSeconds:int? successThreshold:int? failureThreshold:int? terminationGracePeriodSeconds:*int?',
  'Lifecycle': 'postStart:*LifecycleHandler? preStop:*LifecycleHandler?',
  'SecurityContext': 'capabilities:*Capabilities? privileged:*bool? seLinuxOptions:*SELinuxOptions? windowsOptions:*WindowsSecurityContextOptions? runAsUser:*int? runAsGroup:*int? runAsNonRoot:*bool? readOnlyRootFilesystem:*bool? allowPrivilegeEscalation:*bool? procMount:*string? seccompProfile:*SeccompProfile? appArmorProfile:*AppArmorProfile?',
  'SELinuxOptions': 'user:string? role:string? type:string? level:string?',
  'WindowsSecurityContextOptions': 'gmsaCredentialSpecName:*string? gmsaCredentialSpec:*string? runAsUserName:*string? hostProcess:*bool?',
  'Sysctl': 'name:string value:string',
  'SeccompProfile': 'type:string localhostProfile:*string?',
  'AppArmorProfile': 'type:string localhostProfile:*string?',
  'NodeAffinity': 'requiredDuringSchedulingIgnoredDuringExecution:*NodeSelector? preferredDuringSchedulingIgnoredDuringExecution:[]PreferredSchedulingTerm?!atomic',
  'PodAffinity': 'requiredDuringSchedulingIgnoredDuringExecution:[]PodAffinityTerm?!atomic preferredDuringSchedulingIgnoredDuringExecution:[]WeightedPodAffinityTerm?!atomic',
  'PodAntiAffinity': 'requiredDuringSchedulingIgnoredDuringExecution:[]PodAffinityTerm?!atomic preferredDuringSchedulingIgnoredDuringExecution:[]WeightedPodAffinityTerm?!atomic',
  'PodDNSConfigOption': 'name:string? value:*string?',
  'meta.LabelSelector!atomic': 'matchLabels:{}string? matchExpressions:[]meta.LabelSelectorRequirement?!atomic',
  'ResourceClaim': 'name:string request:string?',
  'ContainerState': 'waiting:*ContainerStateWaiting? running:*ContainerStateRunning? terminated:*ContainerStateTerminated?',
  'VolumeMountStatus': 'name:string mountPath:string readOnly:bool? recursiveReadOnly:*string?',
  'ContainerUser': 'linux:*LinuxContainerUser?',
  'ResourceStatus': 'name:string resources:[]ResourceHealth?!map=resourceID',
  'KeyToPath': 'key:string path:string mode:*int?',
  'DownwardAPIVolumeFile': 'path:string fieldRef:*ObjectFieldSelector? resourceFieldRef:*ResourceFieldSelector? mode:*int?',
  'VolumeProjection': 'secret:*SecretProjection? downwardAPI:*DownwardAPIProjection? configMap:*ConfigMapProjection? serviceAccountToken:*ServiceAccountTokenProjection? clusterTrustBundle:*ClusterTrustBundleProjection?',
  'PersistentVolumeClaimTemplate': 'metadata:meta.ObjectMeta? spec:PersistentVolumeClaimSpec',
  'ConfigMapEnvSource': 'name:string? optional:*bool?',
  'SecretEnvSource': 'name:string? optional:*bool?',
  'EnvVarSource': 'fieldRef:*ObjectFieldSelector? resourceFieldRef:*ResourceFieldSelector? configMapKeyRef:*ConfigMapKeySelector? secretKeyRef:*SecretKeySelector?',
  'ExecAction': 'command:[]string?!atomic',
  'HTTPGetAction': 'path:string? port:intOrString host:string? scheme:string? httpHeaders:[]HTTPHeader?!atomic',
  'TCPSocketAction': 'port:intOrString host:string?',
  'GRPCAction': 'port:int service:*string',
  'LifecycleHandler': 'exec:*ExecAction? httpGet:*HTTPGetAction? tcpSocket:*TCPSocketAction? sleep:*SleepAction?',
  'Capabilities': 'add:[]string?!atomic drop:[]string?!atomic',
  'NodeSelector!atomic': 'nodeSelectorTerms:[]NodeSelectorTerm!atomic',
  'PreferredSchedulingTerm': 'weight:int preference:NodeSelectorTerm',
  'PodAffinityTerm': 'labelSelector:*meta.LabelSelector? namespaces:[]string?!atomic topologyKey:string namespaceSelector:*meta.LabelSelector? matchLabelKeys:[]string?!atomic mismatchLabelKeys:[]string?!atomic',
  'WeightedPodAffinityTerm': 'weight:int podAffinityTerm:PodAffinityTerm',
  'meta.LabelSelectorRequirement': 'key:string operator:string values:[]string?!atomic',
  'ContainerStateWaiting': 'reason:string? message:string?',
  'ContainerStateRunning': 'startedAt:time?',
  'ContainerStateTerminated': 'exitCode:int signal:int? reason:string? message:string? startedAt:time? finishedAt:time? containerID:string?',
  'LinuxContainerUser': 'uid:int gid:int supplementalGroups:[]int?!atomic',
  'ResourceHealth': 'resourceID:string health:string?',
  'ObjectFieldSelector!atomic': 'apiVersion:string? fieldPath:string',
  'ResourceFieldSelector!atomic': 'containerName:string? resource:string divisor:quantity?',
  'SecretProjection': 'name:string? items:[]KeyToPath?!atomic optional:*bool?',
  'DownwardAPIProjection': 'items:[]DownwardAPIVolumeFile?!atomic',
  'ConfigMapProjection': 'name:string? items:[]KeyToPath?!atomic optional:*bool?',
  'ServiceAccountTokenProjection': 'audience:string? expirationSeconds:*int? path:string',
  'ClusterTrustBundleProjection': 'name:*string? signerName:*string? labelSelector:*meta.LabelSelector? optional:*bool? path:string',
  'PersistentVolumeClaimSpec': 'accessModes:[]string?!atomic selector:*meta.LabelSelector? resources:VolumeResourceRequirements? volumeName:string? storageClassName:*string? volumeMode:*string? dataSource:*TypedLocalObjectReference? dataSourceRef:*TypedObjectReference? volumeAttributesClassName:*string?',
  'ConfigMapKeySelector!atomic': 'name:string? key:string optional:*bool?',
  'SecretKeySelector!atomic': 'name:string? key:string optional:*bool?',
  'HTTPHeader': 'name:string value:string',
  'SleepAction': 'seconds:int',
  'NodeSelectorTerm!atomic': 'matchExpressions:[]NodeSelectorRequirement?!atomic matchFields:[]NodeSelectorRequirement?!atomic',
  'VolumeResourceRequirements': 'limits:{}quantity? requests:{}quantity?',
  'TypedLocalObjectReference!atomic': 'apiGroup:*string kind:string name:string',
  'TypedObjectReference': 'apiGroup:*string kind:string name:string namespace:*string?',
  'NodeSelectorRequirement': 'key:string operator:string values:[]string?!atomic',
};

/** A scalar the Go codec treats as one JSON value. */
export type GoScalar = 'string' | 'int' | 'bool' | 'float' | 'quantity' | 'intOrString' | 'time' | 'json';

/** One field of a Go struct, in declaration order. */
export interface GoField {
  /** JSON name. */
  readonly name: string;
  /** A {@link GoScalar} or the name of a struct in {@link coreV1Structs}. */
  readonly type: string;
  readonly scalar: boolean;
  readonly pointer: boolean;
  readonly collection?: 'list' | 'map';
  readonly omitempty: boolean;
  /** Lists: how structured-merge-diff identifies items. */
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  /** Maps: `atomic` when the map is one value (`nodeSelector`), else granular. */
  readonly mapAtomic?: boolean;
}

/** A Go struct: its fields in order and whether merge treats it as one value. */
export interface GoStruct {
  readonly name: string;
  readonly fields: readonly GoField[];
  readonly byName: ReadonlyMap<string, GoField>;
  readonly atomic: boolean;
}

const SCALARS = new Set<string>(['string', 'int', 'bool', 'float', 'quantity', 'intOrString', 'time', 'json']);

function parseField(token: string): GoField {
  const colon = token.indexOf(':');
  const name = token.slice(0, colon);
  let rest = token.slice(colon + 1);
  let semantics = '';
  const bang = rest.indexOf('!');
  if (bang >= 0) {
    semantics = rest.slice(bang + 1);
    rest = rest.slice(0, bang);
  }
  const omitempty = rest.endsWith('?');
  if (omitempty) rest = rest.slice(0, -1);
  const pointer = rest.startsWith('*');
  if (pointer) rest = rest.slice(1);
  let collection: 'list' | 'map' | undefined;
  if (rest.startsWith('[]')) collection = 'list';
  else if (rest.startsWith('{}')) collection = 'map';
  if (collection) rest = rest.slice(2);
  const field: GoField = { name, type: rest, scalar: SCALARS.has(rest), pointer, omitempty, ...(collection ? { collection } : {}) };
  if (collection === 'list') {
    const [listType, keys] = (semantics || 'atomic').split('=');
    return { ...field, listType: listType as 'atomic' | 'set' | 'map', ...(keys ? { listMapKeys: keys.split(',') } : {}) };
  }
  if (collection === 'map') return { ...field, mapAtomic: semantics === 'atomic' };
  return field;
}

function build(): ReadonlyMap<string, GoStruct> {
  const out = new Map<string, GoStruct>();
  for (const [key, spec] of Object.entries(RAW)) {
    const atomic = key.endsWith('!atomic');
    const name = atomic ? key.slice(0, -'!atomic'.length) : key;
    const fields = spec.split(' ').map(parseField);
    out.set(name, { name, fields, byName: new Map(fields.map((f) => [f.name, f])), atomic });
  }
  return out;
}

/** Every struct reachable from core/v1 Pod, by Go name (meta/v1 types prefixed `meta.`). */
export const coreV1Structs: ReadonlyMap<string, GoStruct> = build();

/** The struct named `name`; throws for a name that is not in the table (a bug, not bad input). */
export function goStruct(name: string): GoStruct {
  const s = coreV1Structs.get(name);
  if (!s) throw new Error(`no Go struct ${name} in the core/v1 schema`);
  return s;
}

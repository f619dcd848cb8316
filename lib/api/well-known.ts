/** Well-known names, labels and annotations of the Kubernetes API, and the defaults kubesim applies. */

/** Namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;
/** Namespaces that may not be deleted (NamespaceLifecycle's immortal namespaces). */
export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'] as const;
/** The label every namespace carries with its own name. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';
/** The finalizer the namespace controller owns. */
export const FINALIZER_KUBERNETES = 'kubernetes';
/** Marks a mirror pod, the API copy of a static pod. */
export const ANNOTATION_MIRROR = 'kubernetes.io/config.mirror';
/** The hash of a static pod's manifest. */
export const ANNOTATION_CONFIG_HASH = 'kubernetes.io/config.hash';
/** Where a static pod comes from (`file`, `http`, `api`). */
export const ANNOTATION_CONFIG_SOURCE = 'kubernetes.io/config.source';
/** When the kubelet first saw a static pod. */
export const ANNOTATION_CONFIG_SEEN = 'kubernetes.io/config.seen';
/** The annotation `kubectl apply` keeps its last applied manifest in. */
export const ANNOTATION_LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** The annotation that marks the end of the initial events of a watch (sendInitialEvents). */
export const ANNOTATION_INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

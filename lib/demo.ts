/**
 * The demo scenario `npm start` serves: the start of the story of the Kubernetes "Ephemeral Containers"
 * page. A pod runs the pause image, which has no shell, so `kubectl exec` cannot help and
 * `kubectl debug` with an ephemeral container is the way in.
 */
import type { Cluster } from './cluster.js';

/** The namespace the demo lives in (the kubeconfig's context namespace). */
export const DEMO_NAMESPACE = 'demo';
/** The demo pod, as the docs name it. */
export const DEMO_POD = 'ephemeral-demo';

/** Creates the demo namespace and what `kubectl run ephemeral-demo --image=registry.k8s.io/pause:3.1 --restart=Never` creates. */
export function seedDemo(cluster: Cluster): void {
  cluster.namespaces.create({ metadata: { name: DEMO_NAMESPACE } }, { fieldManager: 'kubectl-create' });
  cluster.pods(DEMO_NAMESPACE).create(
    {
      metadata: { name: DEMO_POD, labels: { run: DEMO_POD } },
      spec: { restartPolicy: 'Never', containers: [{ name: DEMO_POD, image: 'registry.k8s.io/pause:3.1', resources: {} }] },
    },
    { fieldManager: 'kubectl-run' },
  );
}

/** The lines that tell a learner what to try next. */
export function demoHints(): string[] {
  return [
    `Demo: namespace "${DEMO_NAMESPACE}" runs pod/${DEMO_POD} from registry.k8s.io/pause:3.1, an image with no shell.`,
    `kubectl get pods`,
    `kubectl exec -it ${DEMO_POD} -- sh          # fails: there is no shell in the pause image`,
    `kubectl debug -it ${DEMO_POD} --image=busybox:1.28 --target=${DEMO_POD}`,
  ];
}

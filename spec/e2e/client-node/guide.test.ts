/**
 * docs/guides/client-node.md shows code that runs: each `ts` block marked `<!-- from FILE -->` must be
 * a verbatim excerpt of FILE (`<!-- imports of FILE -->`: its imports under the package's names), and
 * those files are run here (the examples) or are this test itself.
 */
import * as k8s from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main as clientNodeDebugPod } from '../../../examples/client-node-debug-pod.js';
import { main as clientNodeInformer } from '../../../examples/client-node-informer.js';
import { createCluster, type Cluster } from '../../../lib/index.js';
import { serve, type ServedCluster } from '../../../lib/serve.js';

const read = (file: string): string => readFileSync(path.resolve(process.cwd(), file), 'utf8');

/**
 * The `ts` blocks of the guide with the file each says it comes from. An `imports of FILE` block is
 * FILE's imports with the package's names (`kubesim`, `kubesim/server`) for its relative paths.
 */
function excerpts(markdown: string): { from: string; text: string }[] {
  const out: { from: string; text: string }[] = [];
  const re = /<!--\s*(from|imports of) (\S+)\s*-->\n```ts\n([\s\S]*?)\n```/g;
  for (const m of markdown.matchAll(re)) {
    const text = m[1] === 'from' ? m[3]! : m[3]!.replace(/'kubesim\/server'/g, "'../lib/serve.js'").replace(/'kubesim'/g, "'../lib/index.js'");
    out.push({ from: m[2]!, text });
  }
  return out;
}

// --- the code under test of the guide's example: a tiny controller step that takes a CoreV1Api ---

/** Labels every pod of a namespace that has no `team` label with `team=unowned`; returns the names it changed. */
async function labelUnownedPods(core: k8s.CoreV1Api, namespace: string): Promise<string[]> {
  const list = await core.listNamespacedPod({ namespace });
  const changed: string[] = [];
  for (const pod of list.items) {
    if (pod.metadata?.labels?.team) continue;
    await core.patchNamespacedPod(
      { name: pod.metadata!.name!, namespace, body: { metadata: { labels: { team: 'unowned' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    changed.push(pod.metadata!.name!);
  }
  return changed;
}

// --- the test, as the guide writes it ---

let cluster: Cluster;
let served: ServedCluster;
let core: k8s.CoreV1Api;

beforeEach(async () => {
  cluster = createCluster();                      // a fresh cluster per test, on a virtual clock
  served = await serve(cluster);                  // http://127.0.0.1:<free port>
  const kc = new k8s.KubeConfig();
  kc.loadFromString(served.kubeconfig);           // never loadFromDefault() in a test
  core = kc.makeApiClient(k8s.CoreV1Api);
});

afterEach(async () => {
  await served.close();
  cluster.close();
});

describe('labelUnownedPods', () => {
  it('labels the pods without a team, and leaves the others alone', async () => {
    // Arrange through the library: synchronous, no HTTP.
    const pods = cluster.pods('default');
    pods.create({ metadata: { name: 'a' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    pods.create({ metadata: { name: 'b', labels: { team: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });

    // Act through client-node, over HTTP, as in production.
    expect(await labelUnownedPods(core, 'default')).toEqual(['a']);

    // Assert through the library again.
    expect(pods.get('a').metadata?.labels).toEqual({ team: 'unowned' });
    // The library's create has no manager ('unknown'); client-node's patch is named after its User-Agent.
    expect(pods.get('a').metadata?.managedFields?.map((m) => m.manager)).toEqual(['node-fetch', 'unknown']);
    expect(pods.get('b').metadata?.labels).toEqual({ team: 'x' });
  });

  it('fails with the apiserver\'s 404 when the namespace does not exist', async () => {
    await expect(labelUnownedPods(core, 'nope')).resolves.toEqual([]); // listing an absent namespace is an empty list
    const err = await core.readNamespacedPod({ name: 'a', namespace: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(k8s.ApiException);
    expect((err as k8s.ApiException<string>).code).toBe(404);
    expect(JSON.parse((err as k8s.ApiException<string>).body)).toMatchObject({ reason: 'NotFound', message: 'pods "a" not found' });
  });
});

describe('docs/guides/client-node.md', () => {
  const guide = read('docs/guides/client-node.md');

  it('shows only code taken verbatim from files that run', () => {
    const blocks = excerpts(guide);
    expect(blocks.map((b) => b.from)).toEqual(expect.arrayContaining(['examples/client-node-debug-pod.ts', 'examples/client-node-informer.ts', 'spec/e2e/client-node/guide.test.ts']));
    for (const b of blocks) expect([b.from, read(b.from).includes(b.text)]).toEqual([b.from, true]);
    // Every ts block names its source.
    expect((guide.match(/```ts\n/g) ?? []).length).toBe(blocks.length);
  });

  it('examples/client-node-debug-pod.ts: the pod runs, the debug container runs, both errors arrive as Status bodies', async () => {
    const lines: string[] = [];
    await clientNodeDebugPod((l) => lines.push(l));
    expect(lines).toEqual([
      'pod/web: Running on node-1, ready=true',
      'ephemeral container debugger: image busybox:1.28, target web, running=true',
      'change it: 422 Invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be changed',
      'read a missing pod: 404 pods "nope" not found',
    ]);
  });

  it('examples/client-node-informer.ts: the informer follows the pod, then re-lists after the 410 and reconciles', async () => {
    const lines: string[] = [];
    await clientNodeInformer((l) => lines.push(l));
    expect(lines).toEqual([
      'add a (Pending)',
      'update a (Pending -> Running)',
      'delete a',
      'add b (Pending)',
      'after the 410: the informer holds b',
    ]);
  });
});

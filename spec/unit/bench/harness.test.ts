/**
 * The benchmark harness runs end to end on a tiny size and produces the contract keys. No timing is
 * asserted: figures on a tiny size mean nothing, only that every scenario ran and reported.
 */
import { configFor } from '../../../bench/config.js';
import { GOALS, goalValues, renderReport, summaryJson } from '../../../bench/report.js';
import { runBench } from '../../../bench/run.js';
import { seededCopy, seedTemplate } from '../../../bench/seed.js';
import { createCluster } from '../../../lib/cluster.js';
import { validatePodCreate } from '../../../lib/validation/pod.js';

const CONTRACT_KEYS = ['createVsFloor', 'httpGetVsBareHttp', 'createAt100kVs1k', 'rssMiBAt100kPods', 'kubelet10kRunningMs', 'createClusterMs', 'serveReadyMs'];

describe('npm run bench harness (tiny size)', () => {
  it('runs every scenario and ends with one JSON line carrying every contract key', async () => {
    const results = await runBench(configFor('tiny'));
    expect(results.errors).toEqual({});
    const json = summaryJson(results, 'tiny');
    expect(json).not.toContain('\n');
    const summary = JSON.parse(json) as Record<string, unknown>;
    for (const key of CONTRACT_KEYS) expect(typeof summary[key]).toBe('number');
    const values = goalValues(results);
    expect(Object.keys(values).sort()).toEqual([...CONTRACT_KEYS].sort());
    const report = renderReport(results, 'tiny');
    for (const g of GOALS) expect(report).toContain(g.key);
    // Every create the watcher should have seen, it saw.
    expect(results.create!.watchEvents).toBeGreaterThanOrEqual(results.create!.create.ops);
    expect(results.kubelet!.runs.every((k) => k.completed)).toBe(true);
  }, 120_000);

  it('seeds copies that are valid pods (create validation), each with its own name, uid and token volume', () => {
    const cluster = createCluster({ nodes: 0, scheduler: false });
    const template = seedTemplate(cluster);
    const a = seededCopy(template, 1);
    const b = seededCopy(template, 2);
    expect(a.metadata!.name).not.toBe(b.metadata!.name);
    expect(a.metadata!.uid).not.toBe(b.metadata!.uid);
    expect(a.spec!.volumes!.map((v) => v.name)).not.toEqual(b.spec!.volumes!.map((v) => v.name));
    // The token volume and its mount are renamed together, so the copy is still a valid pod.
    const names = new Set(a.spec!.volumes!.map((v) => v.name));
    for (const m of a.spec!.containers[0]!.volumeMounts ?? []) expect(names.has(m.name)).toBe(true);
    expect(validatePodCreate(a)).toEqual([]);
    expect(a.status!.phase).toBe('Running');
    expect(a.status!.podIP).not.toBe(b.status!.podIP);
    cluster.close();
  });
});

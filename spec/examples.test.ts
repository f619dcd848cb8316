import { main as storeAtWork } from '../examples/store-at-work.js';

const run = (main: (log: (l: string) => void) => void | Promise<void>) => async (): Promise<string[]> => {
  const lines: string[] = [];
  await main((l) => lines.push(l));
  return lines;
};

describe('examples/ run and show what they promise', () => {
  it('store-at-work: watch events, a 409 conflict, a 422, and a namespace that terminates', async () => {
    const out = await run(storeAtWork)();
    expect(out).toContain('created namespace/team-a: phase Active, label kubernetes.io/metadata.name=team-a');
    expect(out.some((l) => l.startsWith('watch: ADDED namespace/team-a'))).toBe(true);
    expect(out).toContain(
      'conflict: 409 Operation cannot be fulfilled on namespaces "team-a": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(out.find((l) => l.startsWith('invalid: 422 Namespace "Team_B" is invalid: metadata.name: Invalid value: "Team_B"'))).toBeDefined();
    expect(out).toContain('deleted namespace/team-a: phase Terminating');
    expect(out).toContain('after 1s: default, kube-node-lease, kube-public, kube-system');
  });
});

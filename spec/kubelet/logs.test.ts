import { isBadRequest } from '../../lib/errors/constructors.js';
import { newCluster, podWith } from './support.js';

const talker = () => podWith('talker', ['sh', '-c', 'echo one; sleep 5; echo two; sleep 5; echo three; sleep 3600']);

describe('kubelet: container logs (kubectl logs)', () => {
  it('prints each line with its RFC 3339 nanosecond timestamp with --timestamps', () => {
    const cluster = newCluster();
    cluster.pods().create(talker());
    cluster.advance(20_000);
    const logs = cluster.kubelet('node-1');
    expect(logs.logs('default', 'talker', 'app')).toBe('one\ntwo\nthree\n');
    const stamped = logs.logs('default', 'talker', 'app', { timestamps: true }).split('\n');
    expect(stamped[0]).toMatch(/^2024-01-01T00:00:00\.\d{9}Z one$/);
    expect(stamped[1]).toMatch(/^2024-01-01T00:00:05\.\d{9}Z two$/);
  });

  it('applies --tail, --since and --limit-bytes', () => {
    const cluster = newCluster();
    cluster.pods().create(talker());
    cluster.advance(20_000);
    const k = cluster.kubelet('node-1');
    expect(k.logs('default', 'talker', 'app', { tailLines: 1 })).toBe('three\n');
    expect(k.logs('default', 'talker', 'app', { sinceSeconds: 15 })).toBe('two\nthree\n');
    expect(k.logs('default', 'talker', 'app', { limitBytes: 6 })).toBe('one\ntw');
  });

  it('follows a log until the container stops (kubectl logs -f)', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('short', ['sh', '-c', 'echo a; sleep 2; echo b; sleep 2; exit 0'], { restartPolicy: 'Never' }));
    cluster.advance(1_500);
    const chunks: string[] = [];
    let ended = false;
    cluster.kubelet('node-1').followLogs('default', 'short', 'app', {}, (c) => chunks.push(c), () => {
      ended = true;
    });
    expect(chunks.join('')).toBe('a\n');
    cluster.advance(2_000);
    expect(chunks.join('')).toBe('a\nb\n');
    expect(ended).toBe(false);
    cluster.advance(3_000);
    expect(ended).toBe(true);
  });

  it('answers 400 with the kubelet\'s message when there is no log to read', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('talker', ['sleep', '3600']));
    cluster.advance(0);
    const k = cluster.kubelet('node-1');
    expect(() => k.logs('default', 'talker', 'app')).toThrow('container "app" in pod "talker" is waiting to start: ContainerCreating');
    cluster.advance(5_000);
    let err: unknown;
    try {
      k.logs('default', 'talker', 'app', { previous: true });
    } catch (e) {
      err = e;
    }
    expect(isBadRequest(err)).toBe(true);
    expect((err as Error).message).toBe('previous terminated container "app" in pod "talker" not found');
    expect(() => k.logs('default', 'talker', 'nope')).toThrow('container nope is not valid for pod talker');
  });
});

import { createCluster, type Cluster } from '../../../lib/cluster.js';
import { PodStreams } from '../../../lib/client/streams.js';
import { podContainerStreams } from '../../../lib/runtime/container-streams.js';
import { StatusError } from '../../../lib/errors/status-error.js';

let cluster: Cluster;
let streams: PodStreams;
const pods = () => cluster.pods('default');

beforeEach(() => {
  cluster = createCluster({ seed: 3 });
  streams = new PodStreams(pods(), podContainerStreams((node) => cluster.kubelet(node)), cluster.clock);
  pods().create({ metadata: { name: 'ephemeral-demo' }, spec: { containers: [{ name: 'ephemeral-demo', image: 'registry.k8s.io/pause:3.1' }] } });
  cluster.runUntil(() => pods().get('ephemeral-demo').status?.phase === 'Running', 60_000);
});
afterEach(() => cluster.close());

const thrown = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('PodStreams: exec, attach and logs through the library door', () => {
  it('exec of a shell the pause image does not have: runc\'s message and exit code 126', () => {
    const sh = streams.exec('ephemeral-demo', ['sh'], { stdin: true, tty: true });
    expect(sh.output).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\r\n');
    expect(sh.wait()).toBe(126);
  });

  it('a scripted debugging session in an ephemeral container that targets the pause container', () => {
    const { containerName } = pods().debug('ephemeral-demo', { image: 'busybox:1.28', target: 'ephemeral-demo', stdin: true, tty: true });
    cluster.runUntil(() => !!pods().get('ephemeral-demo').status?.ephemeralContainerStatuses?.[0]?.state?.running, 60_000);
    const sh = streams.attach('ephemeral-demo', { container: containerName, stdin: true, tty: true });
    expect(sh.tty).toBe(true);
    sh.write('\r');
    sh.waitFor('/ # ');
    expect(sh.run('ps ax')).toBe(
      'PID   USER     TIME  COMMAND\r\n    1 root      0:00 /pause\r\n    2 root      0:00 sh\r\n    3 root      0:00 ps ax\r\n',
    );
    expect(sh.run('ls /proc/1/root')).toContain('pause');
    sh.type('exit');
    expect(sh.wait()).toBe(0);
    cluster.runUntil(() => !!pods().get('ephemeral-demo').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 10_000);
    // What the session showed is the container's log.
    expect(streams.logs('ephemeral-demo', { container: containerName })).toContain('/pause');
  });

  it('exec with a pipe: stdin lines in, stdout and stderr apart, the exit code', () => {
    pods().create({ metadata: { name: 'bb' }, spec: { containers: [{ name: 'main', image: 'busybox:1.28', command: ['sleep', '3600'] }] } });
    cluster.runUntil(() => pods().get('bb').status?.phase === 'Running', 60_000);
    const s = streams.exec('bb', ['sh', '-c', 'read x; echo got $x; echo oops >&2; exit 7'], { stdin: true });
    s.type('hello');
    expect(s.wait()).toBe(7);
    expect([s.stdout, s.stderr]).toEqual(['got hello\n', 'oops\n']);
  });

  it('refuses as the apiserver does: missing pod, unknown container, no node, no running container', () => {
    expect(thrown(() => streams.exec('nope', ['sh'])).message).toBe('pods "nope" not found');
    expect(thrown(() => streams.exec('ephemeral-demo', ['sh'], { container: 'x' })).message).toBe('container x is not valid for pod ephemeral-demo');
    pods().create({ metadata: { name: 'pending' }, spec: { nodeSelector: { disk: 'none' }, containers: [{ name: 'main', image: 'busybox:1.28' }] } });
    expect(thrown(() => streams.attach('pending')).message).toBe('pod pending does not have a host assigned');
    pods().create({ metadata: { name: 'done' }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.28', command: ['true'] }] } });
    cluster.runUntil(() => pods().get('done').status?.phase === 'Succeeded', 60_000);
    const e = thrown(() => streams.exec('done', ['true']));
    expect([e.code, e.message]).toEqual([500, 'Internal error occurred: unable to upgrade connection: container not found ("main")']);
    expect(thrown(() => streams.logs('done', { previous: true })).message).toBe('previous terminated container "main" in pod "done" not found');
  });

  it('waits give up after their limit with what the session showed', () => {
    pods().create({ metadata: { name: 'bb' }, spec: { containers: [{ name: 'main', image: 'busybox:1.28', command: ['sleep', '3600'] }] } });
    cluster.runUntil(() => pods().get('bb').status?.phase === 'Running', 60_000);
    const s = streams.exec('bb', ['sh'], { stdin: true, tty: true });
    expect(() => s.waitFor('never printed', { limitMs: 1000 })).toThrow(/waited 1000 ms of cluster time for output never printed; the session showed:\n\/ # /);
    s.close();
  });
});

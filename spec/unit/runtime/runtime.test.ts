import { formatLogTime } from '../../../lib/runtime/container-log.js';
import { makeRuntime, sandbox, run, execCollect, logText } from './support.js';

describe('ContainerRuntime: image pulls on the virtual clock', () => {
  it('delivers a pull after its virtual duration and remembers the image', () => {
    const { runtime, clock } = makeRuntime();
    const results: unknown[] = [];
    runtime.pullImage('busybox:1.28', (r) => results.push(r));
    expect(results).toEqual([]);
    expect(runtime.hasImage('busybox:1.28')).toBe(false);
    clock.runUntil(() => results.length > 0);
    expect(results[0]).toMatchObject({
      ok: true,
      image: 'docker.io/library/busybox:1.28',
      imageID: 'docker.io/library/busybox@sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47',
    });
    expect(runtime.hasImage('docker.io/library/busybox:1.28')).toBe(true);
    const again: Array<{ durationMs: number }> = [];
    runtime.pullImage('busybox:1.28', (r) => again.push(r));
    clock.runUntil(() => again.length > 0);
    expect(again[0]!.durationMs).toBeLessThan((results[0] as { durationMs: number }).durationMs);
  });

  it('fails a pull of a missing tag with containerd\'s NotFound message', () => {
    const { runtime, clock } = makeRuntime();
    let r: unknown;
    runtime.pullImage('busybox:does-not-exist', (x) => (r = x));
    clock.runUntil(() => r !== undefined);
    expect(r).toMatchObject({
      ok: false,
      reason: 'ErrImagePull',
      message: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/busybox:does-not-exist": failed to resolve reference "docker.io/library/busybox:does-not-exist": docker.io/library/busybox:does-not-exist: not found',
    });
  });

  it('fails a pull of a missing Docker Hub repository with "pull access denied"', () => {
    const { runtime, clock } = makeRuntime();
    let r: unknown;
    runtime.pullImage('nonexistent', (x) => (r = x));
    clock.runUntil(() => r !== undefined);
    expect(r).toMatchObject({
      ok: false,
      message: 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nonexistent:latest": failed to resolve reference "docker.io/library/nonexistent:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    });
  });

  it('reports an unparsable reference as InvalidImageName', () => {
    const { runtime, clock } = makeRuntime();
    let r: unknown;
    runtime.pullImage('Busy Box', (x) => (r = x));
    clock.flush();
    expect(r).toMatchObject({ ok: false, reason: 'InvalidImageName' });
  });
});

describe('ContainerRuntime: creating and starting containers', () => {
  it('builds the environment from the image, HOSTNAME, the pod\'s env and HOME, in that order', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'web');
    const created = runtime.createContainer(sb, { spec: { name: 'c', image: 'busybox', command: ['env'] }, env: [{ name: 'KUBERNETES_SERVICE_HOST', value: '10.96.0.1' }, { name: 'A', value: 'b' }] });
    if ('reason' in created) throw new Error(created.message);
    runtime.startContainer(created.containerId);
    clock.flush();
    expect(runtime.logs(created.containerId)!.text()).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web\nKUBERNETES_SERVICE_HOST=10.96.0.1\nA=b\nHOME=/root\n');
  });

  it('expands $(VAR) in command and args from the container env, $$ escaping', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'x');
    const created = runtime.createContainer(sb, { spec: { name: 'c', image: 'busybox', command: ['echo', '$(GREETING)', '$$(GREETING)', '$(UNKNOWN)'] }, env: [{ name: 'GREETING', value: 'hi' }] });
    if ('reason' in created) throw new Error(created.message);
    runtime.startContainer(created.containerId);
    clock.flush();
    expect(runtime.logs(created.containerId)!.text()).toBe('hi $(GREETING) $(UNKNOWN)\n');
  });

  it('runs args after the image ENTRYPOINT, and command instead of it', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'x');
    const withArgs = run(runtime, sb, { name: 'a', image: 'nginx', args: ['nginx', '-v'] });
    const withCommand = run(runtime, sb, { name: 'b', image: 'nginx', command: ['nginx', '-v'] });
    clock.flush();
    // through the entrypoint, which reports its configuration steps before exec'ing nginx
    expect(withArgs.main!.argv).toEqual(['nginx', '-v']);
    expect(logText(withArgs)).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty[^]*ready for start up\nnginx version: nginx\/1\.27\.3\n$/);
    expect(logText(withCommand)).toBe('nginx version: nginx/1.27.3\n');
  });

  it('fails creation of an image with no command and none given (distroless)', () => {
    const { runtime } = makeRuntime();
    const r = runtime.createContainer(sandbox(runtime, 'x'), { spec: { name: 'c', image: 'gcr.io/distroless/static-debian12' } });
    expect(r).toMatchObject({ reason: 'CreateContainerError' });
    expect((r as { message: string }).message).toMatch(/^failed to generate container "[0-9a-f]{64}" spec: failed to generate spec: no command specified$/);
  });

  it('ends a container whose command is not in the image with StartError, exit 128 and runc\'s message', () => {
    const { runtime, clock } = makeRuntime();
    const created = runtime.createContainer(sandbox(runtime, 'x'), { spec: { name: 'c', image: 'busybox', command: ['foo'] } });
    if ('reason' in created) throw new Error(created.message);
    const message = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown';
    expect(runtime.startContainer(created.containerId)).toEqual({ ok: false, reason: 'RunContainerError', message });
    expect(runtime.containerStatus(created.containerId)).toMatchObject({ state: 'exited', exitCode: 128, reason: 'StartError', message, startedAt: 0 });
    clock.flush();
  });

  it('names a missing absolute path with stat\'s error', () => {
    const { runtime } = makeRuntime();
    const created = runtime.createContainer(sandbox(runtime, 'x'), { spec: { name: 'c', image: 'busybox', command: ['/app/server'] } });
    if ('reason' in created) throw new Error(created.message);
    expect(runtime.startContainer(created.containerId)).toMatchObject({ message: expect.stringContaining('exec: "/app/server": stat /app/server: no such file or directory: unknown') });
  });

  it('tells exit listeners on a later clock tick, never during the call that caused the exit', () => {
    const { runtime, clock } = makeRuntime();
    const seen: Array<number | undefined> = [];
    runtime.onContainerExit((s) => seen.push(s.exitCode));
    const c = run(runtime, sandbox(runtime, 'x'), { image: 'busybox', command: ['sh', '-c', 'exit 4'] });
    expect(c.state).toBe('exited');
    expect(seen).toEqual([]);
    clock.flush();
    expect(seen).toEqual([4]);
  });

  it('runs as runAsUser and reports it in id and ps', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'x'), { image: 'busybox', command: ['sleep', '1d'], securityContext: { runAsUser: 1000, runAsGroup: 3000 } });
    expect(execCollect(runtime, clock, c.id, ['ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 1000      0:00 sleep 1d\n    2 1000      0:00 ps\n');
    expect(execCollect(runtime, clock, c.id, ['id']).out).toBe('uid=1000 gid=3000 groups=3000\n');
  });

  it('gives privileged containers every capability and others containerd\'s defaults (debug profile sysadmin)', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'myapp');
    const priv = run(runtime, sb, { name: 'dbg', image: 'busybox:1.28', command: ['sleep', '1d'], securityContext: { privileged: true } });
    expect(execCollect(runtime, clock, priv.id, ['sh', '-c', 'grep Cap /proc/$$/status']).out)
      .toBe('CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n');
    const plain = run(runtime, sb, { name: 'app', image: 'busybox:1.28', command: ['sleep', '1d'], securityContext: { capabilities: { add: ['NET_ADMIN'], drop: ['KILL'] } } });
    expect(execCollect(runtime, clock, plain.id, ['grep', 'CapEff', '/proc/1/status']).out).toBe('CapEff:\t00000000a80435db\n');
  });

  it('writes the kubelet-managed /etc/hosts, /etc/hostname and /etc/resolv.conf, and mounted files', () => {
    const { runtime, clock } = makeRuntime();
    const sb = runtime.runPodSandbox({ uid: 'u', name: 'web-0', namespace: 'shop', hostname: 'web-0', subdomain: 'web', podIP: '10.244.1.7' });
    const created = runtime.createContainer(sb, { spec: { name: 'c', image: 'busybox', command: ['sleep', '1d'] }, files: { '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'shop' } });
    if ('reason' in created) throw new Error(created.message);
    runtime.startContainer(created.containerId);
    const cat = (f: string): string => execCollect(runtime, clock, created.containerId, ['cat', f]).out;
    expect(cat('/etc/hosts')).toBe('# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.7\tweb-0.web.shop.svc.cluster.local\tweb-0\n');
    expect(cat('/etc/hostname')).toBe('web-0\n');
    expect(cat('/etc/resolv.conf')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(cat('/var/run/secrets/kubernetes.io/serviceaccount/namespace')).toBe('shop');
  });

  it('lets the kubelet read the termination message a container wrote', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'x'), { image: 'busybox', command: ['sh', '-c', 'echo "it broke" > /dev/termination-log; exit 1'] });
    clock.flush();
    expect(runtime.readFile(c.id, '/dev/termination-log')).toBe('it broke\n');
  });
});

describe('ContainerRuntime: stopping', () => {
  it('gives a PID 1 that ignores TERM the whole grace period, then KILL: 137 (sleep as the command)', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'myapp'), { image: 'busybox:1.28', args: ['sleep', '1d'] });
    clock.advance(1000);
    runtime.stopContainer(c.id, 30_000);
    clock.advance(29_999);
    expect(c.state).toBe('running');
    clock.advance(1);
    expect(c.status()).toMatchObject({ state: 'exited', exitCode: 137, reason: 'Error', signal: 'KILL' });
  });

  it('sends nginx the image STOPSIGNAL (QUIT): a graceful shutdown that exits 0 at once', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'web'), { image: 'nginx' });
    clock.advance(5000);
    runtime.stopContainer(c.id, 30_000);
    expect(c.status()).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(logText(c).split('\n').slice(-4, -1)).toEqual([
      '2024/01/01 00:00:05 [notice] 1#1: signal 17 (SIGCHLD) received from 3',
      '2024/01/01 00:00:05 [notice] 1#1: worker process 3 exited with code 0',
      '2024/01/01 00:00:05 [notice] 1#1: exit',
    ]);
    expect(logText(c)).toContain('2024/01/01 00:00:05 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n');
  });

  it('ends a container whose process handles TERM within the grace period', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'x'), { image: 'busybox', command: ['sh', '-c', 'trap "echo stopping; exit 0" TERM; while true; do sleep 1; done'] });
    clock.advance(10_000);
    runtime.stopContainer(c.id, 30_000);
    clock.advance(1000);
    expect(c.status()).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(logText(c)).toBe('stopping\n');
  });

  it('kills everything when the sandbox stops', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'pod', { shareProcessNamespace: true });
    const a = run(runtime, sb, { name: 'a', image: 'nginx' });
    const b = run(runtime, sb, { name: 'b', image: 'busybox', command: ['sleep', '1d'] });
    runtime.stopPodSandbox(sb);
    clock.flush();
    expect([a.exitCode, b.exitCode]).toEqual([137, 137]);
  });
});

describe('ContainerRuntime: logs', () => {
  it('keeps timestamped lines per stream and renders them as kubectl logs options ask', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'x'), { image: 'busybox', command: ['sh', '-c', 'echo one; sleep 1; echo two >&2; sleep 1; echo -n three'] });
    clock.advance(5000);
    const start = c.startedAt!;
    expect(c.log.text()).toBe('one\ntwo\nthree');
    expect(c.log.text({ tailLines: 1 })).toBe('three');
    expect(c.log.text({ timestamps: true, sinceTime: start + 1000 })).toBe(`${formatLogTime(start + 1000)} two\n${formatLogTime(start + 2000)} three`);
    expect(c.log.entries().map((e) => e.stream)).toEqual(['stdout', 'stderr', 'stdout']);
    expect(formatLogTime(start)).toBe('2024-01-01T00:00:00.000000000Z');
  });
});

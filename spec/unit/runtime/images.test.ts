import { parseImageReference } from '../../../lib/runtime/image-reference.js';
import { ImageCatalogue } from '../../../lib/runtime/images.js';
import { genericServer } from '../../../lib/runtime/programs/servers.js';
import { ContainerRuntime } from '../../../lib/runtime/runtime.js';
import { VirtualClock } from '../../../lib/clock/virtual-clock.js';
import { execCollect, sandbox, run, logText } from './support.js';

describe('parseImageReference: containerd\'s normalisation', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest', 'busybox'],
    ['busybox:1.28', 'docker.io/library/busybox:1.28', 'busybox'],
    ['docker.io/library/busybox:1.28', 'docker.io/library/busybox:1.28', 'busybox'],
    ['index.docker.io/library/busybox', 'docker.io/library/busybox:latest', 'busybox'],
    ['fluent/fluent-bit:3.1', 'docker.io/fluent/fluent-bit:3.1', 'fluent-bit'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10', 'pause'],
    ['registry.example.com:5000/team/app', 'registry.example.com:5000/team/app:latest', 'app'],
    ['localhost/app:dev', 'localhost/app:dev', 'app'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'docker.io/library/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'nginx'],
    ['nginx:1.27.3@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'docker.io/library/nginx:1.27.3@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'nginx'],
  ])('%s → %s', (image, normalized, name) => {
    expect(parseImageReference(image)).toMatchObject({ normalized, name });
  });

  it.each(['', 'Busybox', 'busy box', 'nginx:', ':tag', 'a//b', 'nginx@sha256:short'])('rejects %j', (image) => {
    expect(parseImageReference(image)).toBeUndefined();
  });
});

describe('ImageCatalogue: which behaviour an image gets', () => {
  const catalogue = new ImageCatalogue();
  const cmd = (image: string) => {
    const r = catalogue.resolve(image);
    if ('reason' in r) throw new Error(r.message);
    return { entrypoint: r.config.entrypoint, cmd: r.config.cmd, user: r.config.user, stopSignal: r.config.stopSignal };
  };

  it('matches by repository name whatever the registry host and tag', () => {
    expect(cmd('busybox').cmd).toEqual(['sh']);
    expect(cmd('docker.io/library/busybox:1.36.1').cmd).toEqual(['sh']);
    expect(cmd('registry.k8s.io/pause:3.10').entrypoint).toEqual(['/pause']);
    expect(cmd('k8s.gcr.io/pause:3.1').entrypoint).toEqual(['/pause']);
    expect(cmd('mirror.example.com/library/nginx:1.25').stopSignal).toBe('QUIT');
    expect(cmd('gcr.io/distroless/static-debian12:nonroot')).toEqual({ entrypoint: undefined, cmd: undefined, user: '65532:65532', stopSignal: undefined });
    expect(cmd('registry.k8s.io/e2e-test-images/agnhost:2.53').entrypoint).toEqual(['/agnhost']);
  });

  it('picks versions from tags: nginx before 1.19 has no entrypoint script and stops on TERM', () => {
    expect(cmd('nginx:1.14.2')).toEqual({ entrypoint: undefined, cmd: ['nginx', '-g', 'daemon off;'], user: undefined, stopSignal: 'TERM' });
    expect(cmd('nginx')).toMatchObject({ entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], stopSignal: 'QUIT' });
  });

  it('runs the pause image as 65535 from 3.5 on, as root before', () => {
    expect(cmd('registry.k8s.io/pause:3.10').user).toBe('65535:65535');
    expect(cmd('registry.k8s.io/pause:3.1').user).toBeUndefined();
  });

  it('treats an image it does not know as a generic long-running server', () => {
    expect(cmd('example.com/team/api:2.1')).toMatchObject({ entrypoint: ['/app'] });
  });

  it.each([
    ['nonexistent', 'pull access denied'],
    ['busybox:does-not-exist', 'docker.io/library/busybox:does-not-exist: not found'],
    ['example.com/no-such-image:1', 'example.com/no-such-image:1: not found'],
    ['ghcr.io/org/app:notfound', 'ghcr.io/org/app:notfound: not found'],
  ])('fails %s, whose name carries a missing-image marker', (image, text) => {
    const r = catalogue.resolve(image);
    expect(r).toMatchObject({ reason: 'ErrImagePull' });
    expect((r as { message: string }).message).toContain(text);
  });
});

describe('registerImage: images of one\'s own', () => {
  function runtimeWith(catalogue: ImageCatalogue) {
    const clock = new VirtualClock();
    return { clock, runtime: new ContainerRuntime({ clock, catalogue }) };
  }

  it('extends a base image with files and a #! script as ENTRYPOINT', () => {
    const catalogue = new ImageCatalogue();
    catalogue.register('acme/greeter', {
      base: 'busybox:1.36',
      config: { entrypoint: ['/usr/local/bin/greet'], cmd: ['world'], env: ['GREETING=hello'] },
      files: { '/usr/local/bin/greet': { file: '#!/bin/sh\necho "$GREETING, $1"\nsleep 2\nexit 3\n', mode: 0o755 } },
    });
    const { runtime, clock } = runtimeWith(catalogue);
    const c = run(runtime, sandbox(runtime, 'g'), { image: 'registry.acme.io/acme/greeter:v1' });
    clock.advance(2000);
    expect(logText(c)).toBe('hello, world\n');
    expect(c.exitCode).toBe(3);
  });

  it('accepts a native program as an executable', () => {
    const catalogue = new ImageCatalogue();
    catalogue.register('acme/server', { base: 'busybox', config: { entrypoint: ['/server'] }, files: { '/server': { program: genericServer() } } });
    const { runtime, clock } = runtimeWith(catalogue);
    run(runtime, sandbox(runtime, 'srv', { podIP: '10.244.3.3' }), { image: 'acme/server' });
    const client = run(runtime, sandbox(runtime, 'cli'), { image: 'busybox', command: ['sleep', '1d'] });
    expect(execCollect(runtime, clock, client.id, ['wget', '-qO-', 'http://10.244.3.3:8080/']).out).toBe('ok\n');
  });

  it('can mark an image as missing', () => {
    const catalogue = new ImageCatalogue();
    catalogue.register('acme/gone', 'missing');
    expect(catalogue.resolve('acme/gone:1')).toMatchObject({ reason: 'ErrImagePull' });
  });

  it('keeps registrations to the catalogue they were made in', () => {
    const a = new ImageCatalogue();
    a.register('busybox', 'missing');
    expect(new ImageCatalogue().resolve('busybox')).not.toHaveProperty('reason');
  });
});

describe('image file systems', () => {
  it('gives each image its own userland: busybox applets, Debian\'s GNU tools, pause alone', () => {
    const clock = new VirtualClock();
    const runtime = new ContainerRuntime({ clock });
    const bb = run(runtime, sandbox(runtime, 'bb'), { image: 'alpine:3.20', command: ['sleep', '1d'] });
    expect(execCollect(runtime, clock, bb.id, ['cat', '/etc/os-release']).out).toContain('PRETTY_NAME="Alpine Linux v3.20"');
    expect(execCollect(runtime, clock, bb.id, ['which', 'wget', 'ls']).out).toBe('/usr/bin/wget\n/bin/ls\n');
    const deb = run(runtime, sandbox(runtime, 'deb'), { image: 'debian:bookworm', command: ['sleep', '1d'] });
    expect(execCollect(runtime, clock, deb.id, ['cat', '/etc/os-release']).out.split('\n')[0]).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(execCollect(runtime, clock, deb.id, ['ls', '/nope']).err).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(execCollect(runtime, clock, deb.id, ['ps'])).toMatchObject({ code: 126, failure: expect.stringContaining('exec: "ps": executable file not found in $PATH') });
    const busybox = run(runtime, sandbox(runtime, 'b'), { image: 'busybox', command: ['sleep', '1d'] });
    expect(execCollect(runtime, clock, busybox.id, ['cat', '/etc/os-release']).err).toBe("cat: can't open '/etc/os-release': No such file or directory\n");
  });

  it('serves nginx\'s welcome page (615 bytes) and logs the request', () => {
    const clock = new VirtualClock();
    const runtime = new ContainerRuntime({ clock });
    const web = run(runtime, runtime.runPodSandbox({ uid: 'w', name: 'web', namespace: 'default', hostname: 'web', podIP: '10.244.0.50' }), { image: 'nginx' });
    const cli = run(runtime, runtime.runPodSandbox({ uid: 'c', name: 'cli', namespace: 'default', hostname: 'cli', podIP: '10.244.0.51' }), { image: 'busybox', command: ['sleep', '1d'] });
    clock.advance(1000);
    const r = execCollect(runtime, clock, cli.id, ['wget', '-O-', 'http://10.244.0.50/']);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
    expect(new TextEncoder().encode(r.out).length).toBe(615);
    expect(r.err).toBe(`Connecting to 10.244.0.50 (10.244.0.50:80)\nwriting to stdout\n-                    100% |${'*'.repeat(32)}|   615  0:00:00 ETA\nwritten to stdout\n`);
    expect(logText(web).split('\n').at(-2)).toBe('10.244.0.51 - - [01/Jan/2024:00:00:01 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"');
    expect(execCollect(runtime, clock, cli.id, ['wget', '-q', '-O-', 'http://10.244.0.50/nope'])).toMatchObject({ code: 1, err: 'wget: server returned error: HTTP/1.1 404 Not Found\n' });
    expect(execCollect(runtime, clock, cli.id, ['wget', '-q', '-O-', 'http://10.244.0.50:8080/'])).toMatchObject({ code: 1, err: "wget: can't connect to remote host (10.244.0.50): Connection refused\n" });
  });
});

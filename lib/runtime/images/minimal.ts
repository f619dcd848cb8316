import type { DirNode } from '../fs/nodes.js';
import { buildTree } from '../fs/tree.js';
import type { ImageReference } from '../image-reference.js';
import { agnhostProgram, genericServer, pauseProgram } from '../programs/servers.js';
import { busyboxApplets, busyboxFiles, busyboxProgram } from './busybox.js';
import type { ImageBehaviour } from './types.js';

const trees = new Map<string, DirNode>();

function cached(key: string, make: () => DirNode): () => DirNode {
  return () => {
    let t = trees.get(key);
    if (!t) trees.set(key, (t = make()));
    return t;
  };
}

/**
 * `registry.k8s.io/pause` (also `k8s.gcr.io/pause`): only `/pause`, no shell, no /etc/passwd —
 * `kubectl exec … -- sh` fails with `executable file not found in $PATH`. 3.5+ run as 65535.
 */
export function pauseImage(ref: ImageReference): ImageBehaviour {
  const version = /^\d+\.\d+(\.\d+)?/.exec(ref.tag ?? '')?.[0] ?? '3.10';
  const [maj, min] = version.split('.').map(Number);
  const nonRoot = (maj ?? 3) > 3 || ((maj ?? 3) === 3 && (min ?? 0) >= 5);
  return {
    config: { entrypoint: ['/pause'], ...(nonRoot ? { user: '65535:65535' } : {}) },
    tree: cached(`pause-${version}`, () => buildTree({
      '/pause': { program: pauseProgram(version), size: version === '3.1' ? 742_472 : 514_000 },
      '/dev': { dir: true }, '/proc': { dir: true, mode: 0o555 }, '/sys': { dir: true, mode: 0o555 }, '/etc': { dir: true },
    })),
    sizeBytes: version === '3.1' ? 317_164 : 320_368,
  };
}

/**
 * `gcr.io/distroless/*`: no shell and no package manager; no ENTRYPOINT or CMD (a pod must give a
 * command). `nonroot` tags run as 65532; `debug` tags add busybox under /busybox with `sh` as
 * ENTRYPOINT.
 */
export function distrolessImage(ref: ImageReference): ImageBehaviour {
  const tag = ref.tag ?? 'latest';
  const debug = tag.includes('debug');
  const nonroot = tag.includes('nonroot');
  const env = [`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${debug ? ':/busybox' : ''}`, 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'];
  return {
    config: { env, ...(nonroot ? { user: '65532:65532', workingDir: '/home/nonroot' } : {}), ...(debug ? { entrypoint: ['/busybox/sh'] } : {}) },
    tree: cached(`distroless-${debug}`, () => {
      const spec: Record<string, Parameters<typeof buildTree>[0][string]> = {
        '/etc/passwd': 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
        '/etc/group': 'root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n',
        '/etc/os-release': 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\nSUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"\nBUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"\n',
        '/etc/ssl/certs/ca-certificates.crt': '-----BEGIN CERTIFICATE-----\n(simulated)\n-----END CERTIFICATE-----\n',
        '/tmp': { dir: true, mode: 0o1777 }, '/root': { dir: true, mode: 0o700 },
        '/home/nonroot': { dir: true, uid: 65532, gid: 65532, mode: 0o700 },
        '/var/lib/dpkg/status.d': { dir: true }, '/dev': { dir: true }, '/proc': { dir: true, mode: 0o555 }, '/sys': { dir: true, mode: 0o555 },
      };
      if (debug) {
        const applets = busyboxApplets('1.36.1');
        spec['/busybox/busybox'] = { program: busyboxProgram('1.36.1', applets), size: 1_131_168 };
        for (const name of Object.keys(applets)) spec[`/busybox/${name}`] = { hardlink: '/busybox/busybox' };
      }
      return buildTree(spec);
    }),
    sizeBytes: debug ? 1_993_208 : 992_142,
  };
}

/** `registry.k8s.io/e2e-test-images/agnhost`: the Kubernetes e2e test server, on a busybox userland. */
export function agnhostImage(): ImageBehaviour {
  return {
    config: { entrypoint: ['/agnhost'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    tree: cached('agnhost', () => buildTree(busyboxFiles('1.36.1', () => '/bin', { '/agnhost': { program: agnhostProgram(), size: 52_000_000 } }))),
    sizeBytes: 51_262_544,
  };
}

/**
 * Images the catalogue does not know: a busybox userland and a quiet server as ENTRYPOINT `/app`;
 * whatever main command a pod names is taken to be the image's own binary (see `fallbackProgram`).
 */
export function genericImage(): ImageBehaviour {
  return {
    config: { entrypoint: ['/app'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    tree: cached('generic', () => buildTree(busyboxFiles('1.36.1', () => '/bin', { '/app': { program: genericServer(), size: 12_000_000 } }))),
    sizeBytes: 20_000_000,
    fallbackProgram: genericServer(),
  };
}

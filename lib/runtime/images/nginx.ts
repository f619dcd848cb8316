import type { DirNode } from '../fs/nodes.js';
import { own } from '../own.js';
import { buildTree, type TreeSpec } from '../fs/tree.js';
import type { ImageReference } from '../image-reference.js';
import { nginxEntrypoint, nginxProgram, type NginxRelease } from '../programs/nginx.js';
import { busyboxFiles } from './busybox.js';
import { debianFiles } from './debian.js';
import type { ImageBehaviour } from './types.js';

const LATEST: Readonly<Record<string, string>> = { '14': '1.14.2', '16': '1.16.1', '17': '1.17.10', '19': '1.19.10', '20': '1.20.2', '21': '1.21.6', '23': '1.23.4', '25': '1.25.5', '26': '1.26.2', '27': '1.27.3' };

/** The nginx release a tag names (`latest`, `mainline` → 1.27.3; `stable` → 1.26.2; `1.14` → 1.14.2). */
export function nginxRelease(tag: string | undefined): NginxRelease {
  const t = tag ?? 'latest';
  const m = /^1\.(\d+)(?:\.(\d+))?/.exec(t);
  const version = m ? (m[2] !== undefined ? `1.${m[1]}.${m[2]}` : own(LATEST, m[1]!) ?? `1.${m[1]}.0`) : t.startsWith('stable') ? '1.26.2' : '1.27.3';
  const minor = Number(version.split('.')[1]);
  return { version, modern: minor >= 19 };
}

const HTTP_CONF = `http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

/** /etc/nginx/nginx.conf as the official image ships it (1.19+ and before). */
export function nginxConf(modern: boolean): string {
  return `\nuser  nginx;\nworker_processes  ${modern ? 'auto' : '1'};\n\nerror_log  /var/log/nginx/error.log ${modern ? 'notice' : 'warn'};\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\n${HTTP_CONF}`;
}

const DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

/** The welcome page (615 bytes in current releases). */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const ENTRYPOINT_TEXT = `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    # runs the executable scripts in /docker-entrypoint.d/, then:
    entrypoint_log "$0: Configuration complete; ready for start up"
fi

exec "$@"
`;

function nginxFiles(rel: NginxRelease): TreeSpec {
  return {
    '/usr/sbin/nginx': { program: nginxProgram(rel), size: 1_433_304 },
    '/usr/sbin/nginx-debug': { program: nginxProgram(rel), size: 1_472_472 },
    '/etc/nginx/nginx.conf': nginxConf(rel.modern),
    '/etc/nginx/conf.d/default.conf': DEFAULT_CONF,
    '/etc/nginx/mime.types': 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n}\n',
    '/usr/share/nginx/html/index.html': NGINX_INDEX_HTML,
    '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n</body>\n</html>\n',
    '/var/log/nginx/access.log': { symlink: '/dev/stdout' },
    '/var/log/nginx/error.log': { symlink: '/dev/stderr' },
    '/var/cache/nginx': { dir: true },
    '/var/run': { dir: true },
    ...(rel.modern ? {
      '/docker-entrypoint.sh': { program: nginxEntrypoint(), mode: 0o775, text: ENTRYPOINT_TEXT },
      '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': { file: '#!/bin/sh\n# enables "listen [::]:80;" in default.conf\n', mode: 0o775 },
      '/docker-entrypoint.d/15-local-resolvers.envsh': { file: '#!/bin/sh\n# exports NGINX_LOCAL_RESOLVERS\n', mode: 0o775 },
      '/docker-entrypoint.d/20-envsubst-on-templates.sh': { file: '#!/bin/sh\n# renders /etc/nginx/templates/*.template\n', mode: 0o775 },
      '/docker-entrypoint.d/30-tune-worker-processes.sh': { file: '#!/bin/sh\n# tunes worker_processes when asked to\n', mode: 0o775 },
    } : {}),
  };
}

const trees = new Map<string, DirNode>();

/**
 * `nginx` (Debian-based, or Alpine-based for `*-alpine` tags): ENTRYPOINT `/docker-entrypoint.sh`,
 * CMD `nginx -g 'daemon off;'`, STOPSIGNAL QUIT for 1.19+; older releases start nginx directly.
 */
export function nginxImage(ref: ImageReference): ImageBehaviour {
  const rel = nginxRelease(ref.tag);
  const alpine = (ref.tag ?? '').includes('alpine');
  const key = `${rel.version}${alpine ? '-alpine' : ''}`;
  const env = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `NGINX_VERSION=${rel.version}`];
  if (rel.modern) env.push('NJS_VERSION=0.8.7', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1~bookworm');
  return {
    config: rel.modern
      ? { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], env, stopSignal: 'QUIT' }
      : { cmd: ['nginx', '-g', 'daemon off;'], env, stopSignal: 'TERM' },
    tree: () => {
      let t = trees.get(key);
      if (!t) {
        const base = alpine ? busyboxFiles('1.37.0', () => '/bin') : debianFiles({}, false);
        const users = alpine ? 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n' : 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n';
        const passwdBase = base['/etc/passwd'];
        const groupBase = base['/etc/group'];
        t = buildTree({
          ...base,
          ...nginxFiles(rel),
          '/etc/passwd': `${typeof passwdBase === 'string' ? passwdBase : ''}${users}`,
          '/etc/group': `${typeof groupBase === 'string' ? groupBase : ''}nginx:x:101:nginx\n`,
          ...(alpine ? {} : { '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n' }),
        }, undefined, Date.UTC(2024, 11, 3, 0, 0, 0));
        trees.set(key, t);
      }
      return t;
    },
    sizeBytes: alpine ? 20_440_151 : 72_099_501,
    digest: rel.version === '1.27.3' && !alpine ? 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31' : undefined,
  };
}


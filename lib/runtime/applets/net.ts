import { resolveName } from '../network.js';
import { waitFor, type Program, type ProgramRun } from '../program.js';
import { fail, parseArgs } from './util.js';

function parseUrl(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/i.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  return { scheme, host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

/** busybox `wget [-q] [-O FILE] [-S] [-T SEC] [--spider] [-U AGENT] URL`, answered by the cluster network. */
export function wget(version: string): Program {
  return function* (p): ProgramRun {
    const r = parseArgs(p.argv.slice(1), 'qO:ST:U:cY:P:', { quiet: 'q', 'output-document': 'O', 'server-response': 'S', timeout: 'T', 'user-agent': 'U', spider: 's' });
    if (r.unknown || r.missingValue) {
      fail(p, `unrecognized option: ${r.unknown ?? r.missingValue}`);
      return 1;
    }
    const quiet = r.flags.has('q');
    const url = r.operands[0];
    if (url === undefined) {
      p.stderr.write(`BusyBox v${version} multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`);
      return 1;
    }
    const u = parseUrl(url.includes('://') ? url : `http://${url}`);
    if (!u) {
      fail(p, `not an http or ftp url: ${url}`);
      return 1;
    }
    const resolved = resolveName(p.host.network, u.host);
    if (!resolved) {
      fail(p, `bad address '${u.host}'`);
      return 1;
    }
    const ip = resolved.ips[0]!;
    if (!quiet) p.stderr.write(`Connecting to ${u.host}${u.port !== (u.scheme === 'https' ? 443 : 80) ? `:${u.port}` : ''} (${ip}:${u.port})\n`);
    const answer = p.host.network.httpGet(ip, u.port, { method: 'GET', path: u.path, host: u.host, userAgent: r.values.get('U') ?? 'Wget' });
    if (answer === 'timeout') {
      const t = Number(r.values.get('T') ?? 900);
      yield* waitFor(p.sleep((Number.isFinite(t) ? t : 900) * 1000));
      fail(p, 'download timed out');
      return 1;
    }
    if (answer === 'refused') {
      fail(p, `can't connect to remote host (${ip}): Connection refused`);
      return 1;
    }
    if (r.flags.has('S')) {
      p.stderr.write(`  HTTP/1.1 ${answer.status} ${answer.statusText}\n  Content-Type: ${answer.contentType ?? 'text/html'}\n  Content-Length: ${new TextEncoder().encode(answer.body).length}\n`);
    }
    if (answer.status >= 400) {
      fail(p, `server returned error: HTTP/1.1 ${answer.status} ${answer.statusText}`);
      return 1;
    }
    if (r.flags.has('s')) {
      if (!quiet) p.stderr.write('remote file exists\n');
      return 0;
    }
    const size = new TextEncoder().encode(answer.body).length;
    const out = r.values.get('O') ?? (u.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
    const bar = (name: string): string => `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n`;
    if (out === '-') {
      if (!quiet) p.stderr.write('writing to stdout\n');
      p.stdout.write(answer.body);
      if (!quiet) p.stderr.write(`${bar('-')}written to stdout\n`);
      return 0;
    }
    if (!r.values.has('O') && !('errno' in p.vfs.stat(out, p.cwd))) {
      fail(p, `can't open '${out}': File exists`);
      return 1;
    }
    if (!quiet) p.stderr.write(`saving to '${out}'\n`);
    const e = p.vfs.writeFile(out, answer.body, p.cwd);
    if (e) {
      fail(p, `can't open '${out}': ${e.errno === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}`);
      return 1;
    }
    if (!quiet) p.stderr.write(`${bar(out)}'${out}' saved\n`);
    return 0;
  };
}

/**
 * busybox `nslookup NAME`. busybox 1.28 used the libc resolver (search domains, `Address 1:` lines);
 * later versions query the name as written when it has a dot, which is why the Kubernetes DNS
 * debugging page pins busybox:1.28 for `nslookup kubernetes.default`.
 */
export function nslookup(version: string): Program {
  const old = /^1\.(\d+)/.exec(version) !== null && Number(/^1\.(\d+)/.exec(version)![1]) < 29;
  return function* (p): ProgramRun {
    const name = p.argv.slice(1).find((a) => !a.startsWith('-'));
    const net = p.host.network;
    if (name === undefined) {
      p.stderr.write(`BusyBox v${version} multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n`);
      return 1;
    }
    if (old) {
      const dnsName = net.reverse(net.nameserver);
      p.stdout.write(`Server:    ${net.nameserver}\nAddress 1: ${net.nameserver}${dnsName ? ` ${dnsName}` : ''}\n\n`);
      const r = resolveName(net, name);
      if (!r) {
        p.stderr.write(`nslookup: can't resolve '${name}'\n`);
        return 1;
      }
      p.stdout.write(`Name:      ${name}\n${r.ips.map((ip, i) => `Address ${i + 1}: ${ip}${net.reverse(ip) ? ` ${net.reverse(ip)}` : ''}`).join('\n')}\n`);
      return 0;
    }
    p.stdout.write(`Server:\t\t${net.nameserver}\nAddress:\t${net.nameserver}:53\n\n`);
    const candidates = /^\d+\.\d+\.\d+\.\d+$/.test(name) ? [] : name.includes('.') ? [name.replace(/\.$/, '')] : net.search.map((s) => `${name}.${s}`);
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
      const ptr = net.reverse(name);
      if (!ptr) {
        p.stdout.write(`** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`);
        return 1;
      }
      p.stdout.write(`${name.split('.').reverse().join('.')}.in-addr.arpa\tname = ${ptr}\n\n`);
      return 0;
    }
    for (const c of candidates) {
      const ips = net.lookup(c);
      if (ips && ips.length > 0) {
        p.stdout.write(`Name:\t${c}\n${ips.map((ip) => `Address: ${ip}`).join('\n')}\n\n`);
        return 0;
      }
    }
    p.stdout.write(`** server can't find ${name}: NXDOMAIN\n\n** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  };
}

/** busybox `ping [-c N] HOST`: pod IPs answer every second; Service IPs never do. */
export function ping(): Program {
  return function* (p): ProgramRun {
    const r = parseArgs(p.argv.slice(1), 'c:W:w:i:s:q46');
    const host = r.operands[0];
    if (host === undefined) {
      fail(p, 'usage: ping [OPTIONS] HOST');
      return 1;
    }
    const res = resolveName(p.host.network, host);
    if (!res) {
      fail(p, `bad address '${host}'`);
      return 1;
    }
    const ip = res.ips[0]!;
    const count = r.values.has('c') ? Number(r.values.get('c')) : Infinity;
    const answers = p.host.network.pingable(ip);
    let sent = 0;
    let received = 0;
    const summary = (): number => {
      const loss = sent === 0 ? 0 : Math.round(((sent - received) * 100) / sent);
      p.stdout.write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`);
      if (received > 0) p.stdout.write('round-trip min/avg/max = 0.061/0.074/0.090 ms\n');
      return received > 0 ? 0 : 1;
    };
    p.onSignal('INT', () => p.exit(summary()));
    p.stdout.write(`PING ${host} (${ip}): 56 data bytes\n`);
    while (sent < count) {
      if (answers) {
        p.stdout.write(`64 bytes from ${ip}: seq=${sent} ttl=64 time=0.0${74 + (sent % 9)} ms\n`);
        received++;
      }
      sent++;
      if (sent < count) yield* waitFor(p.sleep(1000));
    }
    return summary();
  };
}

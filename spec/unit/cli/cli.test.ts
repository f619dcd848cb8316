import { existsSync, readFileSync } from 'node:fs';
import { main, parseServeFlags, startServe } from '../../../lib/cli.js';

describe('kubesim serve flags', () => {
  it('reads --port, --host, --kubeconfig, --nodes and --speed, in both spellings', () => {
    expect(parseServeFlags(['--port', '8080', '--host=0.0.0.0', '--kubeconfig', '/tmp/k', '--nodes=3', '--speed', '60'])).toEqual({
      port: 8080, host: '0.0.0.0', kubeconfig: '/tmp/k', nodes: 3, speed: 60,
    });
    expect(parseServeFlags([])).toEqual({ port: 0, host: '127.0.0.1', speed: 1 });
  });

  it('refuses unknown flags, missing values and bad numbers with exit code 2', async () => {
    const err: string[] = [];
    expect(await main(['serve', '--bogus'], () => undefined, (l) => err.push(l))).toBe(2);
    expect(err[0]).toBe('error: unknown flag: --bogus');
    expect(await main(['serve', '--port'], () => undefined, () => undefined)).toBe(2);
    expect(await main(['serve', '--speed', '0'], () => undefined, () => undefined)).toBe(2);
    expect(await main(['serve', '--nodes', '1.5'], () => undefined, () => undefined)).toBe(2);
    expect(await main(['launch'], () => undefined, () => undefined)).toBe(2);
    expect(await main(['--help'], () => undefined, () => undefined)).toBe(0);
  });
});

describe('kubesim serve', () => {
  it('serves on a SystemClock, prints the URL, the KUBECONFIG export and a kubectl line, and cleans up its kubeconfig', async () => {
    const lines: string[] = [];
    const running = await startServe(parseServeFlags(['--speed', '10']), (l) => lines.push(l));
    try {
      expect(lines).toEqual([
        `kubesim is serving the Kubernetes API (v1.32) at ${running.url}`,
        `export KUBECONFIG=${running.kubeconfig}`,
        'kubectl get namespaces',
      ]);
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(readFileSync(running.kubeconfig, 'utf8')).toContain(`    server: ${running.url}\n    insecure-skip-tls-verify: true\n`);
      const version = (await (await fetch(`${running.url}/version`)).json()) as { minor: string };
      expect(version.minor).toBe('32');
    } finally {
      await running.stop();
    }
    expect(existsSync(running.kubeconfig)).toBe(false);
  });
});

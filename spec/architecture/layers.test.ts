import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve, sep } from 'node:path';

// The dependency table of docs/design (architecture.md §3.2): what each area of lib/ may import.
// Arrows point one way: leaves → machinery → registry → doors → simulated nodes → composition root.
const LEAVES = ['api', 'field', 'clock', 'ids'];
const allowed: Record<string, string[]> = {
  api: [], field: [], clock: [], ids: [],
  errors: ['api', 'field'],
  validation: ['api', 'field'],
  defaulting: ['api', 'field'],
  selectors: ['api', 'field', 'validation'],
  printers: ['api', 'field', 'clock'],
  patch: ['api', 'field', 'errors'],
  store: ['api'],
  runtime: ['api', 'clock', 'ids'],
  admission: ['api', 'field', 'ids', 'defaulting'],
  registry: [...LEAVES, 'errors', 'validation', 'defaulting', 'selectors', 'patch', 'store', 'admission', 'printers'],
  client: ['registry', 'api', 'errors', 'clock', 'store', 'ids'],
  server: ['registry', 'api', 'errors', 'field', 'clock', 'printers', 'store', 'patch', 'selectors', 'ids'],
  kubelet: ['client', 'clock', 'api', 'errors', 'runtime', 'ids', 'store', 'field', 'selectors', 'registry'],
  scheduler: ['client', 'clock', 'api', 'errors', 'store', 'selectors'],
  controllers: ['client', 'clock', 'api', 'errors', 'store'],
  'cluster.ts': ['*', '!server', '!serve.ts'],
  'index.ts': ['*', '!server', '!serve.ts'],
  'serve.ts': ['*'],
  'cli.ts': ['*'],
  'demo.ts': ['*', '!server', '!serve.ts'],
};

const root = resolve(process.cwd(), 'lib');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const areaOf = (file: string): string => relative(root, file).split(sep)[0]!;

describe('lib/ layering: imports only point down the table of architecture.md', () => {
  const all = files(root);
  it('has files to check', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  it.each(all.map((f) => [relative(root, f), f]))('%s imports only what its layer may', (_name, file) => {
    const area = areaOf(file);
    const rule = allowed[area];
    expect(rule).toBeDefined();
    const src = readFileSync(file, 'utf8');
    const bad: string[] = [];
    for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = areaOf(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      if (target === area) continue;
      const ok = rule!.includes(target) || (rule!.includes('*') && !rule!.includes(`!${target}`));
      if (!ok) bad.push(`${area} → ${target} (${m[1]})`);
    }
    expect(bad).toEqual([]);
  });
});

/**
 * Field paths as apimachinery renders them (`staging/src/k8s.io/apimachinery/pkg/util/validation/field/path.go`):
 * children joined with `.`, indexes as `[i]`, map keys as `[key]` unquoted, and the root as `[]`.
 */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly segment: string,
    private readonly kind: 'root' | 'child' | 'index' | 'key',
  ) {}

  /** A new root path; `root('spec', 'containers')` is `spec.containers`, `root('')` renders as `[]`. */
  static root(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(undefined, name, 'root');
    for (const m of more) p = p.child(m);
    return p;
  }

  /** `a.b` */
  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, name, 'child');
    for (const m of more) p = p.child(m);
    return p;
  }

  /** `a[3]` */
  index(i: number): FieldPath {
    return new FieldPath(this, String(i), 'index');
  }

  /** `a[key]` (unquoted) */
  key(k: string): FieldPath {
    return new FieldPath(this, k, 'key');
  }

  /** The rendered path. Mirrors Path.String: an empty root segment contributes nothing, and an empty result is `[]`. */
  toString(): string {
    const parts: FieldPath[] = [];
    for (let p: FieldPath | undefined = this; p; p = p.parent) parts.push(p);
    let out = '';
    for (let i = parts.length - 1; i >= 0; i--) {
      const p = parts[i]!;
      switch (p.kind) {
        case 'root':
          out += p.segment;
          break;
        case 'child':
          out += out.length > 0 ? `.${p.segment}` : p.segment;
          break;
        case 'index':
        case 'key':
          out += `[${p.segment}]`;
          break;
      }
    }
    return out.length === 0 ? '[]' : out;
  }
}

/** Shorthand for {@link FieldPath.root}. */
export const fieldPath = (name: string, ...more: string[]): FieldPath => FieldPath.root(name, ...more);

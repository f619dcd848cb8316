import { createHash } from 'node:crypto';
import { cloneTree, newDir, type DirNode } from './fs/nodes.js';
import { buildTree } from './fs/tree.js';
import { parseImageReference, type ImageReference } from './image-reference.js';
import { builtinImages } from './images/builtin.js';
import type { ImageBehaviour, ImageConfig, ImageFactory, ResolvedImage } from './images/types.js';
import { patternRegExp } from './shell/pattern.js';

export type { ImageBehaviour, ImageConfig, ImageFactory, ResolvedImage } from './images/types.js';

/** Why an image cannot be pulled: the kubelet's waiting reason and the runtime's message. */
export interface PullFailure {
  readonly reason: 'ErrImagePull' | 'InvalidImageName';
  readonly message: string;
}

/**
 * Words that make an image missing when a repository path segment or the tag contains one of them
 * (`nonexistent`, `busybox:does-not-exist`, `example.com/no-such-image`): the documented way to get
 * `ErrImagePull` without registering anything.
 */
export const MISSING_MARKERS: readonly string[] = ['nonexistent', 'non-existent', 'does-not-exist', 'doesnotexist', 'no-such-image', 'notfound', 'not-found'];

/** A sha256 hex digest of `text` (synthetic digests for images without a known one). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function mergeConfig(base: ImageConfig, own: ImageConfig | undefined): ImageConfig {
  if (!own) return base;
  const env = new Map<string, string>();
  for (const e of [...(base.env ?? []), ...(own.env ?? [])]) {
    const i = e.indexOf('=');
    env.set(i < 0 ? e : e.slice(0, i), e);
  }
  return {
    ...base,
    ...own,
    // Docker: setting ENTRYPOINT in a child image resets the CMD it inherited.
    cmd: own.cmd ?? (own.entrypoint !== undefined ? undefined : base.cmd),
    env: [...env.values()],
  };
}

/**
 * The images the simulated runtime knows, matched by repository name whatever the registry host or
 * tag: a name registered as `busybox` matches `busybox:1.28` and `docker.io/library/busybox`;
 * `registry.k8s.io/pause` or `pause` matches `registry.k8s.io/pause:3.10`; names may hold `*`
 * (`gcr.io/distroless/*`). Lookup order: `host/path`, `path`, then ever shorter path suffixes, then
 * patterns. Unknown images pull fine and run the `generic` image; images with a
 * {@link MISSING_MARKERS} word, or registered as `missing`, fail to pull.
 */
export class ImageCatalogue {
  private readonly entries = new Map<string, ImageFactory>();
  private readonly resolved = new Map<string, ResolvedImage | PullFailure>();

  constructor(withBuiltins = true) {
    if (withBuiltins) for (const [name, f] of Object.entries(builtinImages())) this.entries.set(name, f);
  }

  /** Registers (or replaces) an image behaviour under a repository name or pattern. */
  register(name: string, behaviour: ImageBehaviour | ImageFactory | 'missing'): void {
    const factory: ImageFactory = typeof behaviour === 'function' ? behaviour : () => behaviour;
    this.entries.set(name, factory);
    this.resolved.clear();
  }

  /** Everything known about `image`, or why it cannot be pulled. */
  resolve(image: string): ResolvedImage | PullFailure {
    const hit = this.resolved.get(image);
    if (hit) return hit;
    const ref = parseImageReference(image);
    const out: ResolvedImage | PullFailure = ref
      ? this.build(ref, 0)
      : { reason: 'InvalidImageName', message: `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": invalid reference format` };
    this.resolved.set(image, out);
    return out;
  }

  private factoryFor(ref: ImageReference): ImageFactory {
    const segs = ref.path.split('/');
    const candidates = [`${ref.domain}/${ref.path}`, ref.path];
    if (ref.path.startsWith('library/')) candidates.push(ref.path.slice('library/'.length));
    for (let i = 1; i < segs.length; i++) candidates.push(segs.slice(i).join('/'));
    for (const c of candidates) {
      const f = this.entries.get(c);
      if (f) return f;
    }
    for (const [name, f] of this.entries) {
      if (!name.includes('*')) continue;
      const re = patternRegExp(name);
      if (re.test(`${ref.domain}/${ref.path}`) || re.test(ref.path)) return f;
    }
    return this.entries.get('generic') ?? (() => ({ tree: () => newDir() }));
  }

  private missing(ref: ImageReference): PullFailure {
    const n = ref.normalized;
    const repoMissing = ref.path.split('/').some((s) => MISSING_MARKERS.some((m) => s.includes(m)));
    const desc = repoMissing && ref.domain === 'docker.io'
      ? `code = Unknown desc = failed to pull and unpack image "${n}": failed to resolve reference "${n}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
      : `code = NotFound desc = failed to pull and unpack image "${n}": failed to resolve reference "${n}": ${n}: not found`;
    return { reason: 'ErrImagePull', message: `rpc error: ${desc}` };
  }

  private build(ref: ImageReference, depth: number): ResolvedImage | PullFailure {
    const marked = [...ref.path.split('/'), ref.tag ?? ''].some((s) => MISSING_MARKERS.some((m) => s.includes(m)));
    if (marked) return this.missing(ref);
    const behaviour = this.factoryFor(ref)(ref);
    if (behaviour === 'missing') return this.missing(ref);
    let config: ImageConfig = {};
    let root: DirNode;
    if (behaviour.tree) root = behaviour.tree();
    else {
      let baseRoot: DirNode | undefined;
      if (behaviour.base !== undefined && depth < 8) {
        const base = this.resolve(behaviour.base);
        if ('reason' in base) return base;
        baseRoot = base.root;
        config = base.config;
      }
      root = behaviour.files ? buildTree(behaviour.files, baseRoot) : baseRoot ? cloneTree(baseRoot) : newDir();
    }
    config = mergeConfig(config, behaviour.config);
    const sizeBytes = behaviour.sizeBytes ?? 2_000_000;
    const digest = ref.digest ?? behaviour.digest ?? `sha256:${sha256(`repo:${ref.normalized}`)}`;
    return {
      ref,
      config,
      root,
      sizeBytes,
      pullMs: behaviour.pullMs ?? Math.round(800 + sizeBytes / 40_000),
      imageID: `${ref.repository}@${digest}`,
      id: `sha256:${sha256(`config:${ref.repository}@${digest}`)}`,
      fallbackProgram: behaviour.fallbackProgram,
    };
  }
}

/** The catalogue runtimes use unless given their own. */
export const defaultCatalogue = new ImageCatalogue();

/** Registers an image behaviour in the default catalogue (see {@link ImageCatalogue.register}). */
export function registerImage(name: string, behaviour: ImageBehaviour | ImageFactory | 'missing'): void {
  defaultCatalogue.register(name, behaviour);
}

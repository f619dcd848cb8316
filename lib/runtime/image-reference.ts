/**
 * Image references the way containerd normalises them (docker/distribution `reference.ParseNormalizedNamed`):
 * `busybox:1.28` is `docker.io/library/busybox:1.28`, a reference without tag or digest gets `:latest`.
 */

/** A parsed image reference. */
export interface ImageReference {
  /** The text as written in the pod spec. */
  readonly original: string;
  /** Registry host, `docker.io` when none is written. */
  readonly domain: string;
  /** Path inside the registry, with `library/` added for official Docker Hub images (`library/busybox`). */
  readonly path: string;
  /** The last path segment (`busybox`, `pause`, `static-debian12`): what the image catalogue matches on. */
  readonly name: string;
  /** The tag, `latest` when neither tag nor digest is written. */
  readonly tag: string | undefined;
  /** `sha256:…` when the reference pins a digest. */
  readonly digest: string | undefined;
  /** The fully qualified name containerd reports (`docker.io/library/busybox:1.28`, or `…@sha256:…`). */
  readonly normalized: string;
  /** `domain/path` without tag or digest. */
  readonly repository: string;
}

// Grammar pieces of docker/distribution reference/regexp.go, in our own words.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);

/** Parses `image`; undefined when it is not a valid reference (the kubelet's `InvalidImageName`). */
export function parseImageReference(image: string): ImageReference | undefined {
  const m = REFERENCE.exec(image);
  if (!m || m[1] === undefined) return undefined;
  const named = m[1];
  if (named.length > 255) return undefined;
  const slash = named.indexOf('/');
  let domain = 'docker.io';
  let path = named;
  // The first component is a registry host when it has a dot or a port, or is "localhost".
  if (slash >= 0) {
    const first = named.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      domain = first;
      path = named.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (/[A-Z]/.test(path)) return undefined;
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const digest = m[3];
  const tag = m[2] ?? (digest === undefined ? 'latest' : undefined);
  const repository = `${domain}/${path}`;
  const normalized = repository + (tag !== undefined ? `:${tag}` : '') + (digest !== undefined ? `@${digest}` : '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { original: image, domain, path, name, tag, digest, normalized, repository };
}

/**
 * Image reference parsing as the apiserver does it for the pull-policy default: kubernetes
 * `pkg/util/parsers.ParseImageName` over distribution/reference v0.6.0 `ParseNormalizedNamed`.
 * Only the outcome matters to defaulting (which tag, if any), but the grammar is the real one so that
 * what Go rejects (upper case, bad digests, a bare 64-hex id, names over 255 characters) is rejected.
 */

// distribution/reference regexp.go, in the same composition.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;
const referenceRegexp = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digestPat}))?$`);
const identifierRegexp = /^[a-f0-9]{64}$/;

const NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

// go-digest: the algorithms kube-apiserver links in, with their hex lengths.
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** A parsed image: repository name (normalised, `docker.io/library/nginx`), tag and digest. */
export interface ImageName {
  readonly repository: string;
  /** The tag; `latest` when the image names neither a tag nor a digest. */
  readonly tag: string;
  readonly digest: string;
}

/** `splitDockerDomain`: the registry part, defaulting to docker.io (and library/ for official images). */
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return [domain, remainder];
}

/** go-digest `Digest.Validate` for the algorithms that are available. */
function validDigest(d: string): boolean {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) return false;
  const hexLength = DIGEST_HEX_LENGTH[d.slice(0, i)];
  return hexLength !== undefined && new RegExp(`^[a-f0-9]{${hexLength}}$`).test(d.slice(i + 1));
}

/**
 * `parsers.ParseImageName`: the repository, tag and digest of `image`, or undefined where Go returns an
 * error (the defaulter then sees an empty tag).
 */
export function parseImageName(image: string): ImageName | undefined {
  if (identifierRegexp.test(image)) return undefined;
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) return undefined;
  const m = referenceRegexp.exec(`${domain}/${remainder}`);
  if (!m) return undefined;
  const [, name = '', parsedTag = '', digest = ''] = m;
  if (name.length > NAME_TOTAL_LENGTH_MAX) return undefined;
  if (digest !== '' && !validDigest(digest)) return undefined;
  return { repository: name, tag: parsedTag === '' && digest === '' ? 'latest' : parsedTag, digest };
}

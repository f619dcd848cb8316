/**
 * The genuine core/v1 OpenAPI v3 document of Kubernetes 1.32 (`data/openapi/api__v1_openapi.v1.32.json`),
 * read once, on first use. The module runs from `lib/patch/` (sources) or `dist/lib/patch/` (build),
 * so the package root is found by walking up to the directory that holds the document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of an OpenAPI v3 schema object that patch metadata reads. */
export interface OpenApiSchema {
  type?: string;
  format?: string;
  $ref?: string;
  allOf?: OpenApiSchema[];
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  default?: unknown;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

/** Path of the document relative to the package root. */
export const coreV1OpenApiPath = join('data', 'openapi', 'api__v1_openapi.v1.32.json');

let schemas: Record<string, OpenApiSchema> | undefined;

/** The package root: the nearest ancestor of this module holding package.json and the document. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, coreV1OpenApiPath))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`[kubesim] cannot find ${coreV1OpenApiPath} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** `components.schemas` of the core/v1 document, parsed on first call and cached. */
export function loadOpenApiSchemas(): Record<string, OpenApiSchema> {
  if (!schemas) {
    const doc = JSON.parse(readFileSync(join(packageRoot(), coreV1OpenApiPath), 'utf8')) as { components?: { schemas?: Record<string, OpenApiSchema> } };
    schemas = doc.components?.schemas ?? {};
  }
  return schemas;
}

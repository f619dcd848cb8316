import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Pod, EphemeralContainer } from '../../lib/api/types.js';

/** One expected field error of a conformance case (k8s-semantics.md §N). */
export interface ExpectedError {
  type: string;
  field: string;
  detail: string;
  value?: unknown;
  causeMessage: string;
  detailMatch?: 'prefix';
}

/** One case of ephemeral-cases.json. */
export interface ConformanceCase {
  name: string;
  source: string;
  operation: 'PUT pods/{name}/ephemeralcontainers' | 'PUT pods/{name}' | 'POST pods';
  defaulting: boolean;
  pod?: Pod;
  ephemeralContainers?: EphemeralContainer[];
  update?: Pod;
  create?: Pod;
  bodyOverrides?: Record<string, unknown>;
  expectStored?: Record<string, unknown>;
  expect: 'ok' | { code: number; reason: string; errors: ExpectedError[]; message?: string; messagePrefix?: string };
  notes?: string;
}

/** The shared cases, read from `../shared/reference` beside the checkout. */
export function loadCases(): ConformanceCase[] {
  const file = resolve(process.cwd(), '../shared/reference/ephemeral-cases.json');
  return JSON.parse(readFileSync(file, 'utf8')) as ConformanceCase[];
}

/** The expectations manifest: case name → why it is expected to fail. */
export function loadExpectations(): Record<string, string> {
  const file = resolve(process.cwd(), 'spec/conformance/expectations.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { expectedFailures: Record<string, string> }).expectedFailures;
}

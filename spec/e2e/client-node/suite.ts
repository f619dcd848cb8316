/**
 * One served cluster and a `@kubernetes/client-node` CoreV1Api per test, for the client-node suites. The
 * KubeConfig is loaded from the served kubeconfig only: never `loadFromDefault`, which would read
 * $KUBECONFIG or the user's own kubeconfig.
 */
import * as k8s from '@kubernetes/client-node';
import type { ServeOptions } from '../../../lib/serve.js';
import { startServer, type TestServer } from '../support/served.js';

/** What a test of a client-node suite works with. */
export interface ClientNodeContext {
  /** The served cluster. */
  readonly s: TestServer;
  /** The KubeConfig of the served cluster. */
  readonly kc: k8s.KubeConfig;
  /** `CoreV1Api` made from {@link kc}. */
  readonly core: k8s.CoreV1Api;
  /** Closes the server and serves a new cluster with `options`; `kc` is reloaded and `core` remade for it. */
  restart(options: ServeOptions): Promise<void>;
}

/** How a client-node suite sets up. */
export interface ClientNodeSuiteOptions {
  /** Runs once the server and client are up, before each test: seeds what the tests read. */
  readonly setup?: (ctx: ClientNodeContext) => void | Promise<void>;
}

/** Registers the per-test server and client of a client-node suite; returns the context its tests use. */
export function clientNodeSuite(options: ClientNodeSuiteOptions = {}): ClientNodeContext {
  const connect = (): void => {
    ctx.kc.loadFromString(ctx.s.served.kubeconfig);
    ctx.core = ctx.kc.makeApiClient(k8s.CoreV1Api);
  };
  const ctx = {
    async restart(serveOptions: ServeOptions): Promise<void> {
      await ctx.s.close();
      ctx.s = await startServer(serveOptions);
      connect();
    },
  } as { s: TestServer; kc: k8s.KubeConfig; core: k8s.CoreV1Api; restart(options: ServeOptions): Promise<void> };
  beforeEach(async () => {
    ctx.s = await startServer();
    ctx.kc = new k8s.KubeConfig();
    connect();
    await options.setup?.(ctx);
  });
  afterEach(async () => {
    await ctx.s.close();
  });
  return ctx;
}

/** The ApiException a call rejects with (an Error when the call succeeds). */
export async function apiError(p: Promise<unknown>): Promise<k8s.ApiException<string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof k8s.ApiException) return e as k8s.ApiException<string>;
    throw e;
  }
  throw new Error('did not fail');
}

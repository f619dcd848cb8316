/** An events client that keeps what it was sent, for recorder tests. */
import type { Event } from '../../../lib/api/types.js';
import { newAlreadyExists, newNotFound } from '../../../lib/errors/constructors.js';

export class FakeEventSink {
  readonly stored = new Map<string, Event>();
  readonly calls: { verb: 'create' | 'patch'; name: string; body: unknown }[] = [];

  /** The events client of a namespace. */
  forNamespace = (ns: string) => ({
    create: (e: Event): Event => {
      const name = e.metadata?.name ?? '';
      if (this.stored.has(`${ns}/${name}`)) throw newAlreadyExists({ resource: 'events' }, name);
      this.calls.push({ verb: 'create', name, body: e });
      const out = { ...e, metadata: { ...e.metadata, resourceVersion: String(this.calls.length) } };
      this.stored.set(`${ns}/${name}`, out);
      return out;
    },
    patch: (name: string, _type: 'strategic', body: unknown): Event => {
      const cur = this.stored.get(`${ns}/${name}`);
      if (!cur) throw newNotFound({ resource: 'events' }, name);
      this.calls.push({ verb: 'patch', name, body });
      const out = { ...cur, ...(body as object) } as Event;
      this.stored.set(`${ns}/${name}`, out);
      return out;
    },
  });
}

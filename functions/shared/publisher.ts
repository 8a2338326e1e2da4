import { EventBridge } from './aws/services.js';
import { catalog, EVENT_SOURCE, parseDetail, type EventDetail, type EventType } from './events.js';

/** Publishes catalog events. Domain code depends on this interface only. */
export interface Publisher {
  publish<T extends EventType>(type: T, detail: EventDetail<T>): Promise<void>;
}

export class EventBridgePublisher implements Publisher {
  constructor(
    private readonly client: EventBridge,
    private readonly busName: string,
  ) {}

  async publish<T extends EventType>(type: T, detail: EventDetail<T>): Promise<void> {
    // Validate on the producer side too: a bad event must fail the request, not a consumer later.
    const valid = parseDetail(type, { ...detail, version: catalog[type].version });
    const out = await this.client.putEvents({
      Entries: [{ EventBusName: this.busName, Source: EVENT_SOURCE, DetailType: type, Detail: JSON.stringify(valid) }],
    });
    if (out.FailedEntryCount) {
      const entry = out.Entries?.[0];
      throw new Error(`PutEvents failed for ${type}: ${entry?.ErrorCode ?? 'unknown'}`);
    }
  }
}

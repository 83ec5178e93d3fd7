import { type EventName, type EventOf, events } from '../../../shared/ipc/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Push events from main to whoever listens (the Electron window, loopback clients, the CLI). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Listen to every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validate and publish an event; a payload that does not match its schema is a bug and throws. */
  emit<E extends EventName>(name: E, payload: EventOf<E>): void {
    const parsed = events[name].parse(payload);
    for (const listener of this.listeners) listener(name, parsed);
  }
}

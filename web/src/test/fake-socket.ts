/** Test helper: an in-memory stand-in for socket.io-client sockets, installed with setSocketFactory. */
import type { Socket } from 'socket.io-client';
import { setSocketFactory, type Namespace } from '../lib/socket.ts';

type Listener = (payload: unknown) => void;

export class FakeSocket {
  connected = true;
  readonly sent: Array<{ event: string; payload: unknown }> = [];
  private listeners = new Map<string, Set<Listener>>();
  constructor(readonly namespace: Namespace) {}
  on(event: string, fn: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(fn);
    return this;
  }
  off(event: string, fn: Listener) {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  /** The client sends. */
  emit(event: string, payload: unknown) {
    this.sent.push({ event, payload });
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** The server sends. */
  receive(event: string, payload?: unknown) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(payload);
  }
}

/** Installs fake sockets; returns the namespace -> socket map (created on first use). */
export function installFakeSockets(): Map<Namespace, FakeSocket> {
  const sockets = new Map<Namespace, FakeSocket>();
  setSocketFactory((ns) => {
    const s = new FakeSocket(ns);
    sockets.set(ns, s);
    return s as unknown as Socket;
  });
  return sockets;
}

import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';

/**
 * The web app's socket.io connections: one shared socket per namespace (`/` for the user's
 * events such as `cv:progress` and `timecard:updated`, `/assistant` for chat), same origin,
 * authenticated by the session cookie. A socket is opened by its first user and closed when the
 * last one lets go, and socket.io reconnects on its own; `onReconnect` callbacks let screens
 * refetch whatever they may have missed while disconnected.
 */

export type Namespace = '/' | '/assistant';

interface Entry {
  socket: Socket;
  users: number;
}

const entries = new Map<Namespace, Entry>();

/** Replaced in tests (a fake socket); the default connects for real. */
let factory: (namespace: Namespace) => Socket = (namespace) => io(namespace, { withCredentials: true, transports: ['websocket', 'polling'], reconnectionDelayMax: 10_000 });

export function setSocketFactory(next: (namespace: Namespace) => Socket) {
  for (const entry of entries.values()) entry.socket.disconnect();
  entries.clear();
  factory = next;
}

/** Takes a reference to the namespace's socket; call the returned function to let go. */
export function acquireSocket(namespace: Namespace): { socket: Socket; release: () => void } {
  let entry = entries.get(namespace);
  if (!entry) {
    entry = { socket: factory(namespace), users: 0 };
    entries.set(namespace, entry);
  }
  entry.users += 1;
  const held = entry;
  let released = false;
  return {
    socket: held.socket,
    release: () => {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users <= 0 && entries.get(namespace) === held) {
        entries.delete(namespace);
        held.socket.disconnect();
      }
    },
  };
}

export type SocketState = 'connecting' | 'connected' | 'disconnected';

/**
 * Subscribes to events on a namespace for as long as the component is mounted. Handlers may
 * change on every render (the latest one is called). `onReconnect` runs after a reconnection
 * (not the first connection): refetch what may have been missed.
 */
export function useSocket(
  namespace: Namespace,
  handlers: Record<string, (payload: never) => void>,
  options: { onReconnect?: () => void; enabled?: boolean } = {},
): { state: SocketState; socket: Socket | undefined } {
  const enabled = options.enabled ?? true;
  const handlersRef = useRef(handlers);
  const reconnectRef = useRef(options.onReconnect);
  useEffect(() => {
    handlersRef.current = handlers;
    reconnectRef.current = options.onReconnect;
  });
  const [state, setState] = useState<SocketState>('connecting');
  const [socket, setSocket] = useState<Socket | undefined>();
  const events = Object.keys(handlers).sort().join('|');

  useEffect(() => {
    if (!enabled) return;
    const { socket: s, release } = acquireSocket(namespace);
    setSocket(s);
    setState(s.connected ? 'connected' : 'connecting');
    let seenConnect = s.connected;
    const onConnect = () => {
      setState('connected');
      if (seenConnect) reconnectRef.current?.();
      seenConnect = true;
    };
    const onDisconnect = () => setState('disconnected');
    const onError = () => setState('disconnected');
    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onError);
    const bound = events
      .split('|')
      .filter(Boolean)
      .map((event) => {
        const fn = (payload: unknown) => (handlersRef.current[event] as ((p: unknown) => void) | undefined)?.(payload);
        s.on(event, fn);
        return [event, fn] as const;
      });
    return () => {
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      s.off('connect_error', onError);
      for (const [event, fn] of bound) s.off(event, fn);
      release();
      setSocket(undefined);
    };
  }, [namespace, events, enabled]);

  return { state, socket };
}

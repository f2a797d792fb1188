/**
 * A proxy that answers nothing: the browser under test sends every request
 * that is not to loopback here, we note the host it asked for and close the
 * connection. Nothing leaves the machine.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running dead proxy on 127.0.0.1. */
export interface DeadProxy {
  port: number;
  /** Hosts asked for so far (`host:port` of CONNECT, or the host of a plain request), each once. */
  hosts(): string[];
  close(): Promise<void>;
}

/** Starts the proxy on a random loopback port. */
export async function startDeadProxy(): Promise<DeadProxy> {
  const hosts = new Set<string>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      // "CONNECT host:443 HTTP/1.1" or "GET http://host/path HTTP/1.1".
      const [, target] = /^[A-Z]+ (\S+)/.exec(chunk.toString('latin1')) ?? [];
      if (target) hosts.add(/^\w+:\/\//.test(target) ? new URL(target).host : target);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    hosts: () => [...hosts],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

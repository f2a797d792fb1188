/**
 * What a subscription check costs against a server that never stops sending:
 * bytes the server got out before Dossier hung up, the time, and the process's
 * peak memory. `fetchPack` with its real limits (256 MB).
 *
 *   npx tsx tests/tools/download-cap.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchPack } from '../../lib/subscriptions/fetch-pack';

let sent = 0;
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1 << 20, 0x20);
  let open = true;
  res.on('close', () => (open = false));
  const pump = () => {
    while (open) {
      sent += chunk.length;
      if (!res.write(chunk)) break;
    }
  };
  res.on('drain', pump);
  pump();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/forever.json`;
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
const outcome = await fetchPack({ id: 's', url, addedAt: '' }).then(
  () => 'accepted',
  (error: unknown) => String(error),
);
clearInterval(sample);
console.log(outcome);
console.log(
  `server sent ${(sent / 2 ** 20).toFixed(0)} MB; ${((performance.now() - t0) / 1000).toFixed(1)} s; peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`,
);
server.closeAllConnections();
server.close();

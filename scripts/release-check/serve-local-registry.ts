/**
 * Runs Verdaccio with the configuration file given as the first argument on an ephemeral loopback port, and prints
 * `listening on <port>` once it accepts connections. It runs as its own process so that stopping it also stops every
 * storage write still in flight (Verdaccio caches proxied packages asynchronously), before the caller removes its
 * folder.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runServer } from 'verdaccio';

const configPath = process.argv[2];
if (configPath === undefined) throw new Error('usage: serve-local-registry.ts <verdaccio config file>');
const server = (await runServer(configPath)) as Server;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${(server.address() as AddressInfo).port}`);
});

// Runs s3rver (a pure-JS S3-protocol server) for the tests: `node --openssl-legacy-provider
// s3-server.mjs <directory> <bucket>` prints {"port": N} once it listens, and stops on SIGTERM
// or when its parent goes (the IPC channel closes).
// Its own process because s3rver's ListObjectsV2 continuation tokens use DES, which Node's
// OpenSSL 3 offers only with --openssl-legacy-provider: the test process itself stays without it.
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: process.env.S3RVER_LOG !== '1',
  configureBuckets: [{ name: bucket, configs: [] }],
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', stop);

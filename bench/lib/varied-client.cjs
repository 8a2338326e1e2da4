'use strict';
/**
 * autocannon's setupClient for the directory's different queries, loaded in
 * autocannon's worker thread (there it takes a module path, not a function):
 * each client goes through the queries from its own place in the list, so
 * the eight connections rarely ask the same thing at once. The list comes in
 * VERKOSTO_BENCH_VARIED (JSON), set before the worker starts.
 */
const paths = JSON.parse(process.env.VERKOSTO_BENCH_VARIED || '[]');
let clients = 0;
module.exports = (client) => {
  const start = (clients++ * 13) % paths.length;
  client.setRequests([...paths.slice(start), ...paths.slice(0, start)].map((path) => ({ method: 'GET', path })));
};

// Baseline for the start-up bench: the least a Node process can do to serve a page.
import { createServer } from 'node:http';

const server = createServer((_req, res) => res.end('<!doctype html><div id="root"></div>'));
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

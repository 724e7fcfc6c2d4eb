import { Server } from '@hocuspocus/server';

// Hocuspocus 3 as an engineer would deploy it for comparison: defaults, in memory, no extensions.
const server = new Server({ port: Number(process.env.PORT), address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`hocuspocus listening on ${process.env.PORT}`);

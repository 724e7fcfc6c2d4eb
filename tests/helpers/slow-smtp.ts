import net from 'node:net';
import { freePort } from './server';

/** A mail server of the test's own that answers every command slowly, and can refuse the first few messages. */
export async function slowSmtpServer(options: { replyDelayMs: number; refuseFirst?: number }) {
  const received: { to: string[]; data: string }[] = [];
  let refusalsLeft = options.refuseFirst ?? 0;
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let to: string[] = [];
    let data = '';
    const reply = (line: string) => setTimeout(() => socket.writable && socket.write(`${line}\r\n`), options.replyDelayMs);
    socket.on('error', () => {});
    reply('220 slow.example ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (refusalsLeft > 0) {
            refusalsLeft--;
            reply('451 4.3.0 Try again later');
          } else {
            received.push({ to, data });
            reply('250 2.0.0 Queued');
          }
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 slow.example');
        else if (verb === 'MAIL') {
          to = [];
          data = '';
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          setTimeout(() => socket.end(), options.replyDelayMs + 10);
        } else reply('250 Ok');
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

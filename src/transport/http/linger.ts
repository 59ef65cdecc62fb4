// Closing a connection whose request body is left unread (an upload refused
// past its cap): after the answer the connection closes instead of reading the
// rest. Closed at once, with the client's bytes still arriving, the kernel resets
// the connection, and the reset can take the answer with it before the client
// has read it: a client reading its socket 100 ms late got no answer at all, only
// EPIPE. So the close lingers, as Apache's and nginx's do: the answer is followed
// by the end of what the server sends, then what the client still sends is read
// and dropped, LINGER_BYTES at most (then no more is read: the client's sending
// stalls, nothing is reset), until the client closes or for LINGER_MS at most
// (a paused socket does not see the client close: it waits for the time);
// only then is the socket destroyed.
import type { IncomingMessage } from 'node:http';
import type { FastifyReply } from 'fastify';

/** How long a lingering close waits for the client to close after the answer. */
export const LINGER_MS = 2000;
/** How many more bytes of the client's a lingering close reads and drops; past them it stops reading. */
export const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * Answers `request` with `Connection: close`, the rest of its body left unread;
 * the connection closes lingering (above) once the answer is written.
 */
export function closeAfterAnswer(request: IncomingMessage, reply: FastifyReply): void {
  reply.header('connection', 'close');
  const socket = request.socket;
  // Node's server ends a `Connection: close` response's socket with destroySoon (destroyed once the answer is written)
  socket.destroySoon = () => {
    let dropped = 0;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
    socket.once('close', () => clearTimeout(timer));
    // no more from the server (FIN after the answer); the client's half stays open to be read
    socket.end();
    // the client sent all of its body: nothing is left to reset the connection, which closes once the answer is written
    const closeWritten = () => {
      if (socket.writableFinished) socket.destroy();
      else socket.once('finish', () => socket.destroy());
    };
    if (request.readableEnded) return closeWritten();
    // the body's bytes still reach the request through Node's HTTP parser: read and dropped
    request.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) request.pause();
    });
    request.once('end', closeWritten);
    request.resume();
  };
}

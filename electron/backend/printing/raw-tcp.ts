import { lookup } from 'node:dns';
import { connect, type Socket } from 'node:net';
import { PrintError } from './errors';

export interface RawTcpSend {
  host: string;
  port: number;
  data: Uint8Array;
  /** One deadline for name lookup, connection and write together. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called when the printer took the connection: from then on bytes may reach it. */
  onConnected?: () => void;
}

/** How long a socket whose data is sent may stay open for the printer to close its side. */
const CLOSE_GRACE_MS = 2_000;

type Phase = 'resolving' | 'connecting' | 'writing';

/**
 * Sends bytes to a printer's raw port (a Zebra's 9100) and resolves once they are all handed to
 * the OS's TCP stack on a connection the printer accepted. Raw printing has no acknowledgement,
 * so that is as far as "sent" can be known. Failures are PrintErrors that say whether any byte
 * may have reached the printer (only before the connection is up is it certain none did).
 */
export function sendRawTcp(job: RawTcpSend): Promise<void> {
  const where = `${job.host}:${job.port}`;
  return new Promise<void>((resolve, reject) => {
    let phase: Phase = 'resolving';
    let socket: Socket | undefined;
    let settled = false;

    const settle = (error?: PrintError) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      job.signal?.removeEventListener('abort', onAbort);
      if (error) {
        socket?.destroy();
        reject(error);
      } else {
        resolve();
      }
    };
    const onAbort = () =>
      settle(
        new PrintError(
          'PRINT_INTERRUPTED',
          `Sending to the printer at ${where} was stopped.`,
          phase !== 'writing',
          { host: job.host, port: job.port },
        ),
      );
    const deadline = setTimeout(() => {
      const seconds = Math.round(job.timeoutMs / 100) / 10;
      settle(
        phase === 'writing'
          ? new PrintError(
              'PRINTER_TIMEOUT',
              `The printer at ${where} took the connection but not the whole job within ${seconds} s; it may have printed part of it.`,
              false,
              { host: job.host, port: job.port },
            )
          : new PrintError(
              'PRINTER_UNREACHABLE',
              `The printer at ${where} did not answer within ${seconds} s.`,
              true,
              { host: job.host, port: job.port, phase },
            ),
      );
    }, job.timeoutMs);

    if (job.signal?.aborted) return onAbort();
    job.signal?.addEventListener('abort', onAbort, { once: true });

    // An IPv6 address may be written in brackets, as in a URL.
    lookup(job.host.replace(/^\[(.*)\]$/, '$1'), (lookupError, address, family) => {
      if (settled) return;
      if (lookupError) return settle(unresolved(job.host, job.port, lookupError));
      phase = 'connecting';
      const s = connect({ host: address, port: job.port, family });
      socket = s;
      s.on('error', (error: NodeJS.ErrnoException) => {
        settle(
          phase === 'connecting'
            ? unreachable(job.host, job.port, address, error)
            : new PrintError(
                'PRINT_FAILED',
                `The connection to the printer at ${where} broke while sending (${error.code ?? error.message}); it may have printed part of the job.`,
                false,
                { host: job.host, port: job.port, cause: error.code },
              ),
        );
      });
      s.once('connect', () => {
        phase = 'writing';
        job.onConnected?.();
        s.once('finish', () => {
          // Sent. The printer closes its side when it has read everything; one that does not
          // must not keep the socket (or the process) alive.
          s.setTimeout(CLOSE_GRACE_MS, () => s.destroy());
          s.unref();
          settle();
        });
        s.end(job.data);
      });
    });
  });
}

function unresolved(host: string, port: number, error: NodeJS.ErrnoException): PrintError {
  return new PrintError(
    'PRINTER_UNREACHABLE',
    `The printer "${host}" cannot be found: the name does not resolve on this network (${error.code ?? error.message}).`,
    true,
    { host, port, cause: error.code },
  );
}

function unreachable(
  host: string,
  port: number,
  address: string,
  error: NodeJS.ErrnoException,
): PrintError {
  const where = host === address ? `${host}:${port}` : `${host}:${port} (${address})`;
  const message =
    error.code === 'ECONNREFUSED'
      ? `The printer at ${where} refused the connection: is it switched on, and is ${port} its raw printing port?`
      : `The printer at ${where} cannot be reached (${error.code ?? error.message}).`;
  return new PrintError('PRINTER_UNREACHABLE', message, true, {
    host,
    port,
    address,
    cause: error.code,
  });
}

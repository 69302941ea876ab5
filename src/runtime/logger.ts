/** Structured JSON logs (pino). Secrets are redacted by path wherever they could appear. */
import { pino, type Logger } from 'pino';

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino(
    {
      level,
      base: { service: 'vigil' },
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', 'token', '*.token', 'password', '*.password', 'admin_token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

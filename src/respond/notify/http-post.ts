/** POSTs a body with a timeout and classifies the outcome: 2xx ok, 408/429/5xx and network errors retryable, other 4xx permanent. */
import { RetryableError } from '../../core/errors.js';

export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    // The message names the failure, never the URL: webhook URLs often embed a secret.
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new RetryableError(`connection failed: ${cause}`);
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.ok) return;
  if (res.status === 408 || res.status === 429 || res.status >= 500) throw new RetryableError(`HTTP ${res.status}`);
  throw new Error(`HTTP ${res.status} (not retried)`);
}

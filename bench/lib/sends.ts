import { subscribe } from 'node:diagnostics_channel';

/**
 * When each SendEmail request left the senders for the metered local SES:
 * the senders call SES with fetch (undici), which announces each request on
 * `undici:request:create` as it is made. This is what the pacer controls;
 * arrival times at the local SES also carry the one process's event-loop
 * stalls. Only requests to the meter count, not the meter's own onward
 * request to the local SES. (Node's `http.client.request.start` sees none of
 * them since the senders left the SDK's http handler: a digest measured
 * there read "sent at 0.0/s".)
 */
export function sendTimes(meterUrl: string): { times: number[]; recording: boolean } {
  const meterPort = new URL(meterUrl).port;
  const sends = { times: [] as number[], recording: false };
  subscribe('undici:request:create', (message) => {
    const { request } = message as { request: { method: string; path: string; origin: string } };
    if (sends.recording && request.method === 'POST' && request.path === '/v2/email/outbound-emails' && new URL(request.origin).port === meterPort) sends.times.push(Date.now());
  });
  return sends;
}

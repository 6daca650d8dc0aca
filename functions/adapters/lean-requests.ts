/** The part of an SDK client this touches: its middleware stack. */
interface WithMiddleware {
  readonly middlewareStack: { remove(name: string): boolean };
}

/**
 * Per-request SDK work no function of ours reads, taken off a client's middleware stack:
 * - `loggerMiddleware` runs every input and output through the command's sensitive-data filter
 *   (a deep copy of a whole DynamoDB item) to hand it to a logger that, unconfigured, drops it;
 * - `getUserAgentMiddleware` builds the User-Agent string again on every call; AWS needs none.
 * Errors still reach the caller as before: neither middleware handles them.
 */
export function leanRequests<Client extends WithMiddleware>(client: Client): Client {
  client.middlewareStack.remove('loggerMiddleware');
  client.middlewareStack.remove('getUserAgentMiddleware');
  return client;
}

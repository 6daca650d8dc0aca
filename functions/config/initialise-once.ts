/**
 * A handler's cold-start initialisation (settings, secrets, clients, templates), run once per
 * container and shared by every invocation after it. A failed one is forgotten, so the next
 * invocation tries again: one transient Secrets Manager or S3 error must not break a warm
 * container for every later mail.
 */
export function initialiseOnce<T>(initialise: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= initialise().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

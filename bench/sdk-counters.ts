import type { FinalizeRequestMiddleware, InitializeMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';

/** DynamoDB operations that accept `ReturnConsumedCapacity`, by the units they consume. */
const READ_OPERATIONS = new Set(['GetItem', 'BatchGetItem', 'TransactGetItems', 'Query', 'Scan']);
const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * Flat counters, so a snapshot is a plain object and work between two moments is a difference:
 * `<Service>` calls, `<Service>.<Operation>` calls, `<Service>.attempts` (HTTP requests, retries
 * included), `<Service>.errors`, `<Service>.ms` (wall time inside calls), `DynamoDB.RCU` and
 * `DynamoDB.WCU` (consumed capacity units), `SES.recipients`, and `sdk.busyMs` (time with at
 * least one call in flight).
 */
export type Counts = Readonly<Record<string, number>>;

/**
 * Counts what the inbound function asks of AWS, on its real SDK clients: a middleware per client
 * stack (the DynamoDB document client shares its base client's). Capacity is measured, not
 * estimated: every DynamoDB call asks for `ReturnConsumedCapacity: 'TOTAL'`.
 */
export class SdkCounters {
  private readonly counts = new Map<string, number>();
  private readonly stacks = new Set<object>();
  private inFlight = 0;
  private busySince = 0;

  /** Adds the counting middleware to each client's stack once. */
  instrument<I extends object, O extends MetadataBearer>(stack: MiddlewareStack<I, O>): void {
    if (this.stacks.has(stack)) return;
    this.stacks.add(stack);
    stack.add(this.commandMiddleware<I, O>(), { step: 'initialize', name: 'benchCountCommands', priority: 'high' });
    // Below the retry middleware (finalizeRequest, high), so each HTTP attempt passes here.
    stack.add(this.attemptMiddleware<I, O>(), { step: 'finalizeRequest', name: 'benchCountAttempts', priority: 'low' });
  }

  snapshot(): Counts {
    const now = performance.now();
    const busy = (this.counts.get('sdk.busyMs') ?? 0) + (this.inFlight > 0 ? now - this.busySince : 0);
    return { ...Object.fromEntries(this.counts), 'sdk.busyMs': busy };
  }

  private add(key: string, amount = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + amount);
  }

  private commandMiddleware<I extends object, O extends MetadataBearer>(): InitializeMiddleware<I, O> {
    return (next, context) => async (args) => {
      const service = serviceName(context.clientName);
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      const unit =
        service !== 'DynamoDB'
          ? undefined
          : READ_OPERATIONS.has(operation)
            ? 'RCU'
            : WRITE_OPERATIONS.has(operation)
              ? 'WCU'
              : undefined;
      this.add(service);
      this.add(`${service}.${operation}`);
      if (service === 'SES') this.add('SES.recipients', recipientsOf(args.input));
      const started = performance.now();
      if (this.inFlight++ === 0) this.busySince = started;
      try {
        const result = await next(
          unit !== undefined
            ? { ...args, input: Object.assign({}, args.input, { ReturnConsumedCapacity: 'TOTAL' }) }
            : args,
        );
        if (unit !== undefined) this.add(`DynamoDB.${unit}`, capacityUnitsOf(result.output));
        return result;
      } catch (error) {
        this.add(`${service}.errors`);
        throw error;
      } finally {
        const ended = performance.now();
        this.add(`${service}.ms`, ended - started);
        if (--this.inFlight === 0) this.add('sdk.busyMs', ended - this.busySince);
      }
    };
  }

  private attemptMiddleware<I extends object, O extends MetadataBearer>(): FinalizeRequestMiddleware<I, O> {
    return (next, context) => (args) => {
      this.add(`${serviceName(context.clientName)}.attempts`);
      return next(args);
    };
  }
}

/** Work between two snapshots. */
export function workBetween(before: Counts, after: Counts): Counts {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries([...keys].map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
}

/** Several counts added up (for averages over mails of one kind). */
export function sumCounts(all: readonly Counts[]): Counts {
  const total: Record<string, number> = {};
  for (const counts of all) for (const [k, v] of Object.entries(counts)) total[k] = (total[k] ?? 0) + v;
  return total;
}

/** `DynamoDBClient` → `DynamoDB`, `SESv2Client` → `SES`. */
function serviceName(clientName: string | undefined): string {
  const name = (clientName ?? 'Unknown').replace(/Client$/, '');
  return name.startsWith('SES') ? 'SES' : name;
}

/** Recipients of an SES v2 SendEmail (SES bills sending per recipient): To, Cc and Bcc. */
function recipientsOf(input: object): number {
  if (!('Destination' in input) || typeof input.Destination !== 'object' || input.Destination === null) return 0;
  return Object.values(input.Destination).reduce<number>((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
}

/**
 * Capacity units in a DynamoDB output's ConsumedCapacity (one object, or one per table). DynamoDB
 * Local reports only the total, so the operation says whether they are read or write units.
 */
function capacityUnitsOf(output: object): number {
  if (!('ConsumedCapacity' in output)) return 0;
  const entries: unknown[] = Array.isArray(output.ConsumedCapacity)
    ? output.ConsumedCapacity
    : [output.ConsumedCapacity];
  return entries.reduce<number>(
    (sum, entry) =>
      sum +
      (typeof entry === 'object' &&
      entry !== null &&
      'CapacityUnits' in entry &&
      typeof entry.CapacityUnits === 'number'
        ? entry.CapacityUnits
        : 0),
    0,
  );
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { BuildMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import type { AwsClients } from '../../functions/adapters/aws-clients.ts';
import { FAULTABLE_HEADER } from './fault-catalogue.ts';

/** The function died: what a Lambda killed between two AWS calls (out of memory, a timeout, a host lost) reports. */
export class LambdaCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LambdaCrashError';
  }
}

/**
 * Where an invocation dies: before its nth AWS call (1-based; one past its last call means after
 * that call, before it returns), before the nth call of one operation (`SendEmail#1`), which
 * stays put when a cached read makes an intake one call shorter, or after all its calls (`before-return`).
 */
export type CrashStep = number | `${string}#${number}` | 'before-return';

interface Invocation {
  /** The AWS calls this invocation made, in order (`GetObject`, ...). */
  readonly calls: string[];
  readonly crashAt: CrashStep | undefined;
  crashed: boolean;
}

/** Whether the call just added to `calls` is the step to die before. */
function isCrashStep(step: CrashStep | undefined, calls: readonly string[]): boolean {
  if (typeof step === 'number' || step === undefined || step === 'before-return') return calls.length === step;
  const [operation, occurrence] = step.split('#');
  return calls.at(-1) === operation && calls.filter((c) => c === operation).length === Number(occurrence);
}

const invocations = new AsyncLocalStorage<Invocation>();

/**
 * Marks every call of the functions' clients as theirs (the fault proxies fault only those), and
 * kills the invocation at its chosen step: that call and every later one of the same invocation
 * throw LambdaCrashError, as a dead process makes no more calls, its error handlers included.
 */
export function armClients(clients: AwsClients): void {
  arm(clients.dynamo.middlewareStack);
  arm(clients.s3.middlewareStack);
  arm(clients.sqs.middlewareStack);
  arm(clients.ses.middlewareStack);
}

function arm<I extends object, O extends MetadataBearer>(stack: MiddlewareStack<I, O>): void {
  stack.add(crashOrMark<I, O>(), { step: 'build', name: 'mailcaseLocalFaults', override: true });
}

function crashOrMark<I extends object, O extends MetadataBearer>(): BuildMiddleware<I, O> {
  return (next, context) => async (args) => {
    const invocation = invocations.getStore();
    if (invocation !== undefined) {
      if (invocation.crashed) throw new LambdaCrashError('the function had already died');
      invocation.calls.push((context.commandName ?? 'unknown').replace(/Command$/, ''));
      if (isCrashStep(invocation.crashAt, invocation.calls)) {
        invocation.crashed = true;
        throw new LambdaCrashError(`died before AWS call ${invocation.calls.length} (${invocation.calls.at(-1)})`);
      }
    }
    const { request } = args as { request?: { headers?: Record<string, string> } };
    if (request?.headers !== undefined) request.headers[FAULTABLE_HEADER] = '1';
    return next(args);
  };
}

/** What one invocation did: its AWS calls in order, and whether it died. */
export interface InvocationTrace {
  readonly calls: readonly string[];
  readonly crashed: boolean;
}

/**
 * Runs one invocation of a handler, dying before its `crashAt`th AWS call (or, one past its last
 * call, just before it returns). A crashed invocation fails with LambdaCrashError whatever the
 * handler made of the error, as Lambda reports a dead function.
 */
export async function invokeWithCrash<T>(
  crashAt: CrashStep | undefined,
  run: () => Promise<T>,
  onTrace?: (trace: InvocationTrace) => void,
): Promise<T> {
  const invocation: Invocation = { calls: [], crashAt, crashed: false };
  try {
    const result = await invocations.run(invocation, run).catch((error: unknown) => {
      if (invocation.crashed)
        throw new LambdaCrashError(`the function died after ${invocation.calls.length - 1} AWS calls`);
      throw error;
    });
    if (invocation.crashed) throw new LambdaCrashError('the function died; what it returned never reached Lambda');
    if (crashAt === 'before-return' || crashAt === invocation.calls.length + 1) {
      invocation.crashed = true;
      throw new LambdaCrashError(`died after its last AWS call (${invocation.calls.length}), before returning`);
    }
    return result;
  } finally {
    onTrace?.({ calls: invocation.calls, crashed: invocation.crashed });
  }
}

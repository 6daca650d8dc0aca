/**
 * Where a handler's CPU goes, by the calls it makes into its dependencies (the stores, the check
 * queue, the sender, the renderer), read on the thread's exact clock: each call's CPU from its
 * start until its promise settles, SDK work included, and the rest as the handler's own code. One
 * mail is handled at a time and its calls follow one another, save a notification's files, read side
 * by side from memory, whose shared microseconds count for each. The realistic floor splits its own
 * CPU by operation alike.
 */

/** CPU milliseconds by what spent them (`intakes.commitIntake`, `DynamoDB.TransactWriteItems`). */
export type CpuSplit = Record<string, number>;

/** The handler's own code: what the mail's CPU was not spent inside a dependency's call. */
export const OWN_CODE = '(our code between them)';

/** The floor's parse of the stored mail (the handler's is in its own code). */
export const FLOOR_PARSE = 'parse (simpleParser)';

/** Adds `ms` to `label` in `split`. */
export function addCpu(split: CpuSplit, label: string, ms: number): void {
  split[label] = (split[label] ?? 0) + ms;
}

/** Every part of `from` added to `into`'s. */
export function addSplit(into: CpuSplit, from: Readonly<CpuSplit> = {}): void {
  for (const [label, ms] of Object.entries(from)) addCpu(into, label, ms);
}

/**
 * `deps` with the methods of `names` timed into `split()` (read at call time, so a split per mail
 * can be swapped in), as `name.method`. An object a method returns that has methods of its own (the
 * raw-mail store's per-mail copy) and object properties of a dependency (the intake store's
 * suppressions) are timed under the same name.
 */
export function timedDependencies<T extends object>(
  deps: T,
  names: readonly (keyof T & string)[],
  split: () => CpuSplit,
  clock: () => number,
): T {
  const timed = <O extends object>(target: O, name: string): O =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value === 'function')
          return (...args: unknown[]) => timeCall(`${name}.${String(property)}`, () => value.apply(object, args));
        return hasMethods(value) ? timed(value, name) : value;
      },
    });
  const timeCall = (label: string, call: () => unknown): unknown => {
    const start = clock();
    const done = <R>(result: R): R => {
      addCpu(split(), label, clock() - start);
      return hasMethods(result) && !isThenable(result) ? (timed(result, label.split('.')[0] ?? label) as R) : result;
    };
    const result = call();
    return isThenable(result) ? Promise.resolve(result).then(done) : done(result);
  };
  const wrapped = { ...deps };
  for (const name of names) {
    const dependency = deps[name];
    if (typeof dependency === 'object' && dependency !== null) wrapped[name] = timed(dependency, name);
  }
  return wrapped;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Built-in objects a call may return, never a dependency to time. */
const BUILT_INS: readonly (new (...args: never[]) => object)[] = [Map, Set, WeakMap, Date, RegExp, Error, Promise];

/** A store-like object: an instance of a class of our own, or a plain object holding functions. */
function hasMethods(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  if (BUILT_INS.some((type) => value instanceof type)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype !== Object.prototype && prototype !== null) || Object.values(value).some((v) => typeof v === 'function')
  );
}

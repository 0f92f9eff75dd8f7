/**
 * Request guards: every handler of the server is wrapped by `guard`. Ill-typed parameters
 * get an InvalidParams error, a cancelled request the protocol's cancellation error, a
 * ResponseError thrown on purpose (a refused rename) goes to the client as it is, and any
 * other failure is logged and answered with the handler's empty result: one failing
 * feature never takes the server down.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
export const invalid = (what: string) => new ResponseError(ErrorCodes.InvalidParams, `Invalid parameters: ${what}.`);

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isUint = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPosition = (v: unknown) => isObject(v) && isUint(v.line) && isUint(v.character);
const isRange = (v: unknown) => isObject(v) && isPosition(v.start) && isPosition(v.end);

/** What a request's parameters must contain, checked before the handler runs. */
export type Shape = 'document' | 'position' | 'range' | 'none';

export function checkShape(params: unknown, shape: Shape): string | undefined {
  if (shape === 'none') return isObject(params) ? undefined : 'expected an object';
  if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string')
    return 'expected textDocument.uri';
  if (shape === 'position' && !isPosition(params.position)) return 'expected position {line, character} with non-negative integers';
  if (shape === 'range' && !isRange(params.range)) return 'expected range {start, end}';
  return undefined;
}

/** Wraps a request handler: shape check, cancellation, failures logged and answered with `empty`. */
export function guard<P, R>(
  name: string,
  shape: Shape,
  empty: R,
  run: (params: P, token: CancellationToken) => R | Promise<R>,
  log: (message: string) => void,
) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    if (token.isCancellationRequested) return cancelled();
    const problem = checkShape(params, shape);
    if (problem) return invalid(`${name}: ${problem}`);
    try {
      const result = await run(params, token);
      return token.isCancellationRequested ? cancelled() : result;
    } catch (e) {
      if (e instanceof ResponseError) return e;
      log(`Lifeline: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return empty;
    }
  };
}

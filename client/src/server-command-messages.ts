/**
 * What to tell the user when a server command cannot run or fails. Pure, so each case is tested
 * without VS Code; the messages name the action in the user's words, not the LSP method.
 */

/** JSON-RPC and LSP error codes the client treats specially (values from the LSP specification). */
export const RPC_ERRORS = {
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  pendingResponseRejected: -32097,
  connectionInactive: -32096,
  serverNotInitialized: -32002,
  requestCancelled: -32800,
} as const;

/** The part of the server's `initialize` result this module looks at. */
export interface CommandCapabilities {
  executeCommandProvider?: { commands?: readonly string[] };
}

export function serverAdvertises(capabilities: CommandCapabilities | undefined, command: string): boolean {
  return capabilities?.executeCommandProvider?.commands?.includes(command) ?? false;
}

/** Shown when the running server does not list the command: an older or partial server build. */
export function notSupportedMessage(action: string): string {
  return `PPA Lens: this version of the language server cannot ${action} yet.`;
}

/**
 * The message for a failed `workspace/executeCommand`, or undefined when the user cancelled and
 * nothing should be shown.
 */
export function failureMessage(action: string, error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  const detail = errorText(error);
  switch (code) {
    case RPC_ERRORS.requestCancelled:
      return undefined;
    case RPC_ERRORS.methodNotFound:
      return notSupportedMessage(action);
    case RPC_ERRORS.connectionInactive:
    case RPC_ERRORS.pendingResponseRejected:
    case RPC_ERRORS.serverNotInitialized:
      return `PPA Lens: could not ${action}: the language server is not running. Try "PPA Lens: Restart Server".`;
    default:
      return `PPA Lens: could not ${action}: ${detail}`;
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

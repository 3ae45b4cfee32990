/** Starting the language server over stdio: `ppa-lens lsp --stdio`, and dist/server.js for VS Code. */
import { createConnection, LSPErrorCodes, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type ResponseMessage } from 'vscode-languageserver/node';
import { nodePlatform } from './node-platform';
import { startServer } from './server';

/**
 * A malformed message (a header without Content-Length, a body that is not JSON, a length that cuts
 * a message) leaves the stream out of step: every later message would be misread and the server
 * would live on deaf. It logs what it got (bounded, escaped) and exits non-zero, so the client
 * restarts it.
 */
export function runServerOverStdio(): void {
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((e) => {
    const what = JSON.stringify(String(e instanceof Error ? e.message : e).slice(0, 200));
    process.stderr.write(`ppa-lens: malformed message from the client (${what}); exiting so that the client restarts the server\n`);
    process.exit(3);
  });
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout), {
    // A request cancelled before it ran (it waited behind long work: a large file's parse, an
    // estimate) is answered "cancelled" at once and never computed; the default runs it anyway.
    connectionStrategy: {
      cancelUndispatched: (message): ResponseMessage | undefined =>
        'id' in message && (typeof message.id === 'number' || typeof message.id === 'string')
          ? { jsonrpc: '2.0', id: message.id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled by the client before it ran' } }
          : undefined,
    },
  });
  startServer(connection, nodePlatform());
}

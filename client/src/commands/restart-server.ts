/** "PPA Lens: Restart Server": for a server that hangs, or after rebuilding it during development. */
import type { ServerConnection } from '../server-connection';

export async function restartServer(connection: ServerConnection): Promise<void> {
  await connection.restart();
}

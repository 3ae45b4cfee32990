/** Entry point of the bundled server (dist/server.js) that the VS Code client starts. */
import { runServerOverStdio } from './main';

runServerOverStdio();

/**
 * The workspace config file `ppa-lens.json`: found in the folder or its parents, loaded with every
 * problem located, clock targets parsed. Shared by the CLI and the language server.
 */
export { findConfigFile, loadConfig, parseConfig, type ConfigLoad, type ReadFile } from './load-config';
export { clockComments, type ClockComments } from './clock-comments';
export { formatFrequency, parseClockAssignment, parseFrequencyMhz, periodPs } from './frequency';
export { configSchema } from './schema';
export { CONFIG_FILE_NAME, emptyConfig, type FailOn, type WorkspaceConfig } from './types';

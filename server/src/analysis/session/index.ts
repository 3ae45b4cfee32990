export { DesignSession, type DesignRequest, type DesignRun, type EstimateScope, type ProcessChoice, type ReadFile, type SessionOptions, type SweepHooks } from './session';
export { parseParamOverrides, withOverrides, MAX_PARAM_OVERRIDES, type ParamOverrides } from './params';
export { openSources, type OpenedSources, type SourceInputs } from './open-sources';

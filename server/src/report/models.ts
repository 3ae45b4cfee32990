/** Which process models a report compares: the chosen one first, then its DUV/EUV counterpart. */
import { DEFAULT_PROCESS, getBuiltin, type ProcessModel } from '../process/index';

export const EUV_PROCESS = 'euv-7nm';

/** EUV for any non-EUV model (the DUV question is "what would EUV buy me?"), DUV for EUV. */
export function reportProcessModels(primary: ProcessModel): ProcessModel[] {
  const other = getBuiltin(primary.name === EUV_PROCESS ? DEFAULT_PROCESS : EUV_PROCESS);
  return other && other.name !== primary.name ? [primary, other] : [primary];
}

/**
 * Clock targets as people write them: "1.25GHz", "800 MHz", or a bare number of MHz. One parser
 * for the config file, the command line and `// ppa: clock` comments, so all three agree.
 */

const UNIT_MHZ: Record<string, number> = { ghz: 1000, mhz: 1, khz: 1e-3, hz: 1e-6 };

/** Frequency in MHz, or undefined when the text is not a positive frequency. */
export function parseFrequencyMhz(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text > 0 ? text : undefined;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(GHz|MHz|kHz|Hz)?\s*$/i.exec(text);
  if (!m) return undefined;
  const mhz = Number(m[1]) * (m[2] ? UNIT_MHZ[m[2].toLowerCase()] : 1);
  return mhz > 0 && Number.isFinite(mhz) ? mhz : undefined;
}

/** The clock period in ps of a frequency in MHz. */
export function periodPs(mhz: number): number {
  return 1e6 / mhz;
}

/** "1.25 GHz" / "800 MHz": how messages show a target. */
export function formatFrequency(mhz: number): string {
  const r = (x: number) => String(Math.round(x * 1000) / 1000);
  return mhz >= 1000 ? `${r(mhz / 1000)} GHz` : `${r(mhz)} MHz`;
}

/** `--clock clk=1.25GHz` (also `clk:1.25GHz`); undefined when malformed. */
export function parseClockAssignment(text: string): { name: string; mhz: number } | undefined {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_$.]*)\s*[=:]\s*(.+)$/.exec(text);
  if (!m) return undefined;
  const mhz = parseFrequencyMhz(m[2]);
  return mhz === undefined ? undefined : { name: m[1], mhz };
}
